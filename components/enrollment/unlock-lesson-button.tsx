'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/courses/confirm-dialog';
import { Field, Select, TextField } from '@/components/ui/field';
import { unlockLessonAction } from '@/lib/learning/actions';

/** Opens one locked lesson (sequence or drip) for one student; the server audits it. */
export function UnlockLessonButton({ courseId, userId, email, lessons }: { courseId: string; userId: string; email: string; lessons: { id: string; title: string }[] }) {
  const t = useTranslations('enrollment.students');
  const id = useId();
  const [lessonId, setLessonId] = useState(lessons[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      const r = await unlockLessonAction({ courseId, lessonId, userId, reason });
      if (r.ok) toast.success(t('unlocked', { lesson: lessons.find((l) => l.id === lessonId)?.title ?? '', email }));
      else toast.error(r.error.message);
      setReason('');
    });
  return (
    <ConfirmDialog
      trigger={t('unlock')}
      triggerProps={{ size: 'sm', variant: 'secondary', disabled: pending, 'aria-label': t('unlockLabel', { email }) }}
      title={t('unlockTitle', { email })}
      confirmLabel={t('unlockConfirm')}
      onConfirm={run}
    >
      <div className="space-y-3">
        <Field id={`${id}-lesson`} label={t('unlockLesson')}>
          <Select id={`${id}-lesson`} value={lessonId} onChange={(e) => setLessonId(e.target.value)}>
            {lessons.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </Select>
        </Field>
        <TextField id={`${id}-reason`} name="reason" label={t('unlockReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </div>
    </ConfirmDialog>
  );
}
