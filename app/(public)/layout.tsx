import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PublicHeader } from '@/components/catalog/public-header';
import { getSessionUser } from '@/lib/auth/session';

// Pages anyone may open (catalog, course landing pages). Each page still decides what the viewer sees.
export default async function PublicLayout({ children }: { children: ReactNode }) {
  const [user, t] = await Promise.all([getSessionUser(), getTranslations('catalog')]);
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900">
        {t('skipToContent')}
      </a>
      <PublicHeader user={user} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}
