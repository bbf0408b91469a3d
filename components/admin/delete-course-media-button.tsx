'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/courses/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { deleteCourseMediaAction } from '@/lib/videos/actions';

/** "Delete course media" with a typed confirmation; the action is admin-only and audited. */
export function DeleteCourseMediaButton({ courseId, title }: { courseId: string; title: string }) {
  const t = useTranslations('adminStorage');
  const tAll = useTranslations();
  const id = useId();
  const [confirm, setConfirm] = useState('');
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      const r = await deleteCourseMediaAction({ courseId, confirm: confirm as 'DELETE' });
      if (r.ok) toast.success(t('deleteMediaDone', r.data));
      else toast.error(r.error.fieldErrors?.confirm ? tAll(r.error.fieldErrors.confirm[0] as never) : r.error.message);
      setConfirm('');
    });
  return (
    <ConfirmDialog
      trigger={t('deleteMedia')}
      triggerProps={{ size: 'sm', variant: 'danger', disabled: pending, 'aria-label': `${t('deleteMedia')}: ${title}` }}
      title={t('deleteMediaTitle', { course: title })}
      confirmLabel={t('deleteMedia')}
      confirmVariant="danger"
      confirmDisabled={confirm !== 'DELETE'}
      onConfirm={run}
    >
      <p className="mb-3 text-sm">{t('deleteMediaBody')}</p>
      <TextField id={`${id}-confirm`} name="confirm" label={t('deleteMediaConfirmLabel')} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
    </ConfirmDialog>
  );
}
