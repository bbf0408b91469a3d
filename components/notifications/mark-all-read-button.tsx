'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { markNotificationsReadAction } from '@/lib/notifications/actions';

export function MarkAllReadButton() {
  const t = useTranslations('notifications');
  return (
    <ActionButton variant="secondary" size="sm" run={() => markNotificationsReadAction({})}>
      {t('markAllRead')}
    </ActionButton>
  );
}
