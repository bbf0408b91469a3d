'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { markNotificationsReadAction } from '@/lib/notifications/actions';

export function MarkAllReadButton() {
  const t = useTranslations('notifications');
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const r = await markNotificationsReadAction({});
          if (r.ok) router.refresh();
          else toast.error(r.error.message);
        })
      }
    >
      {t('markAllRead')}
    </Button>
  );
}
