import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { PreferenceSwitcher } from '@/components/preferences/preference-switcher';
import { Button } from '@/components/ui/button';
import { navAreas } from '@/lib/auth/roles';
import { requireUser, type SessionUser } from '@/lib/auth/session';
import { countWaitingHomework } from '@/lib/homework/queries';
import { signOutAction } from '@/lib/users/actions';
import { IntentNav } from '@/components/ui/intent-nav';
import { ClientMessages } from './client-messages';
import { NavLinks, type NavItem } from './nav-links';

export async function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const t = await getTranslations('shell');
  const areas = navAreas(user.role);
  const items: NavItem[] = [
    { href: '/dashboard', label: t('nav.learning') },
    { href: '/catalog', label: (await getTranslations('catalog'))('catalogLink') },
    { href: '/reports', label: t('nav.reports') },
    ...(areas.authoring ? [{ href: '/courses', label: t('nav.authoring') }, { href: '/inbox', label: t('nav.inbox'), count: await countWaitingHomework(user), countLabel: t('nav.inboxWaiting') }] : []),
    ...(areas.moderation ? [{ href: '/moderation', label: t('nav.moderation') }] : []),
    ...(areas.admin
      ? [
          { href: '/admin/analytics', label: (await getTranslations('analytics'))('nav') },
          { href: '/admin/users', label: t('nav.users') },
          { href: '/admin/logs', label: t('nav.logs') },
          { href: '/admin/audit', label: t('nav.audit') },
          { href: '/admin/storage', label: t('nav.storage') },
          { href: '/admin/settings', label: t('nav.settings') },
        ]
      : []),
  ];
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900">
        {t('skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <IntentNav as="div" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <a href="/dashboard" className="text-lg font-semibold tracking-tight">
            Lectern
          </a>
          <NavLinks items={items} label={t('mainNav')} />
          <div className="ml-auto flex flex-wrap items-center gap-3">
            <PreferenceSwitcher signedIn />
            <NotificationBell userId={user.id} />
            <a href="/account" className="text-sm hover:underline" data-testid="account-link">
              {user.name || user.email}
            </a>
            <form action={signOutAction}>
              <Button type="submit" variant="ghost" size="sm">
                {t('signOut')}
              </Button>
            </form>
          </div>
        </IntentNav>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}

/**
 * A signed-in area of the app (a route group's layout): the shell, and the client messages its pages'
 * client components use. Every page below still authorizes itself: this only draws the shell.
 */
export async function SignedInArea({ namespaces, children }: { namespaces: readonly string[] | 'all'; children: ReactNode }) {
  const user = await requireUser();
  return (
    <ClientMessages namespaces={namespaces}>
      <AppShell user={user}>{children}</AppShell>
    </ClientMessages>
  );
}
