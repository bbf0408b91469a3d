'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { cancelInviteAction, removeStudentAction } from '@/lib/enrollments/actions';

export function RemoveStudentButton({ courseId, userId, email }: { courseId: string; userId: string; email: string }) {
  const t = useTranslations('enrollment.students');
  const router = useRouter();
  const [pending, start] = useTransition();
  const remove = () => {
    if (!window.confirm(t('removeConfirm', { email }))) return;
    start(async () => {
      const r = await removeStudentAction({ courseId, userId });
      if (r.ok) {
        toast.success(t('removed', { email }));
        router.refresh();
      } else toast.error(r.error.message);
    });
  };
  return (
    <Button size="sm" variant="danger" disabled={pending} onClick={remove} aria-label={t('removeLabel', { email })}>
      {t('remove')}
    </Button>
  );
}

export function CancelInviteButton({ courseId, email }: { courseId: string; email: string }) {
  const t = useTranslations('enrollment.students');
  const router = useRouter();
  const [pending, start] = useTransition();
  const cancel = () =>
    start(async () => {
      const r = await cancelInviteAction({ courseId, email });
      if (r.ok) {
        toast.success(t('inviteCancelled', { email }));
        router.refresh();
      } else toast.error(r.error.message);
    });
  return (
    <Button size="sm" variant="ghost" disabled={pending} onClick={cancel} aria-label={t('cancelInviteLabel', { email })}>
      {t('cancelInvite')}
    </Button>
  );
}
