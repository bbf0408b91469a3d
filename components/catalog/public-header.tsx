import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PreferenceSwitcher } from '@/components/preferences/preference-switcher';
import type { SessionUser } from '@/lib/auth/session';

/** Header of the pages anyone may see (catalog, landing pages): logo, catalog, preferences, account link. */
export async function PublicHeader({ user }: { user: SessionUser | null }) {
  const t = await getTranslations('catalog');
  const linkCls = 'rounded-md px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800';
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 text-brand-600 dark:text-indigo-300" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M4 19.5V5a2 2 0 0 1 2-2h12v16H6a2 2 0 0 0-2 2.5Z" />
            <path d="M8 7h6M8 11h6" />
          </svg>
          <span>Lectern</span>
        </Link>
        <nav aria-label={t('siteNav')}>
          <ul className="flex flex-wrap gap-1">
            <li>
              <Link href="/catalog" className={linkCls}>
                {t('catalogLink')}
              </Link>
            </li>
          </ul>
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <PreferenceSwitcher signedIn={Boolean(user)} />
          {user ? (
            <Link href="/dashboard" className={linkCls}>
              {t('myLearning')}
            </Link>
          ) : (
            <Link href="/login" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              {t('signIn')}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
