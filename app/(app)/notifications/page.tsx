import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { MarkAllReadButton } from '@/components/notifications/mark-all-read-button';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { listNotifications } from '@/lib/notifications/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notifications'))('title') };
}

const KNOWN = new Set([
  'homeworkAccepted',
  'homeworkAcceptedGrade',
  'homeworkReturned',
  'homeworkComment',
  'moderationLessonHidden',
  'moderationCourseUnpublished',
  'moderationMessageRemoved',
  'moderationSuspended',
  'moderationWarning',
  'moderationReverted',
  'moderationReportActioned',
  'moderationReportDismissed',
]);

export default async function NotificationsPage() {
  const me = await requireUser();
  const [t, format, items] = await Promise.all([getTranslations('notifications'), getFormatter(), listNotifications(me.id)]);
  const hasUnread = items.some((n) => !n.read);
  return (
    <>
      <PageHeader title={t('title')} actions={hasUnread ? <MarkAllReadButton /> : undefined} />
      {items.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="notification-list">
          {items.map((n) => {
            const text = KNOWN.has(n.key) ? t(n.key as never, n.params as never) : n.key;
            return (
              <li key={n.id} className="flex flex-wrap items-center gap-3 p-4" data-read={n.read}>
                {!n.read && <Badge tone="info">{t('unread')}</Badge>}
                <span className="flex-1">{n.href ? <Link href={n.href} className="text-brand-600 underline dark:text-indigo-300">{text}</Link> : text}</span>
                <time dateTime={n.createdAt} className="text-sm text-slate-600 dark:text-slate-400">
                  {format.dateTime(new Date(n.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
