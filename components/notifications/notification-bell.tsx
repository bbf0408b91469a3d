import { getTranslations } from 'next-intl/server';
import { countUnreadNotifications } from '@/lib/notifications/queries';

/** The header's bell: a link to /notifications with the unread count. */
export async function NotificationBell({ userId }: { userId: string }) {
  const [t, unread] = await Promise.all([getTranslations('notifications'), countUnreadNotifications(userId)]);
  return (
    <a href="/notifications" className="relative rounded-md px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800" aria-label={unread ? t('bellUnread', { count: unread }) : t('bell')} data-testid="notification-bell">
      <span aria-hidden="true">🔔</span>
      {unread > 0 && (
        <span aria-hidden="true" className="ml-1 rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white" data-testid="notification-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </a>
  );
}
