'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import type { CourseStatus } from '@/lib/course-constants';
import { archiveCourseAction, deleteCourseAction, duplicateCourseAction, restoreCourseAction } from '@/lib/courses/actions';
import { deleteCourseSchema } from '@/lib/courses/schemas';
import { ConfirmDialog } from './confirm-dialog';

/** Duplicate (any editor); archive, restore and delete (owner or admin). */
export function CourseActions({ course, canManage }: { course: { id: string; title: string; status: CourseStatus }; canManage: boolean }) {
  const t = useTranslations('courses.actions');
  const router = useRouter();
  const [pending, start] = useTransition();
  const remove = useActionForm(deleteCourseAction, {
    schema: deleteCourseSchema,
    onSuccess: () => {
      toast.success(t('deleted', { title: course.title }));
      router.push('/courses');
      router.refresh();
    },
  });

  const duplicate = () =>
    start(async () => {
      const r = await duplicateCourseAction({ courseId: course.id });
      if (r.ok) {
        toast.success(t('duplicated', { title: r.data.title }));
        router.push(`/courses/${r.data.id}/settings`);
      } else toast.error(r.error.message);
    });
  const setArchived = (archived: boolean) =>
    start(async () => {
      const r = archived ? await archiveCourseAction({ courseId: course.id }) : await restoreCourseAction({ courseId: course.id });
      if (r.ok) {
        toast.success(archived ? t('archived') : t('restored'));
        router.refresh();
      } else toast.error(r.error.message);
    });

  return (
    <div className="space-y-4">
      <div>
        <Button variant="secondary" disabled={pending} onClick={duplicate}>
          {t('duplicate')}
        </Button>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t('duplicateHint')}</p>
      </div>
      {canManage ? (
        <>
          <div>
            {course.status === 'archived' ? (
              <Button variant="secondary" disabled={pending} onClick={() => setArchived(false)}>
                {t('restore')}
              </Button>
            ) : (
              <Button variant="secondary" disabled={pending} onClick={() => setArchived(true)}>
                {t('archive')}
              </Button>
            )}
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{course.status === 'archived' ? t('restoreHint') : t('archiveHint')}</p>
          </div>
          <ConfirmDialog
            trigger={t('delete')}
            triggerProps={{ variant: 'danger', disabled: pending }}
            title={t('deleteTitle')}
            confirmLabel={t('deleteConfirm')}
            confirmVariant="danger"
            confirmDisabled={remove.pending}
            form="delete-course-form"
          >
            <p>{t('deleteBody')}</p>
            <form id="delete-course-form" onSubmit={remove.onSubmit} noValidate className="space-y-3">
              <FormError message={remove.formError} />
              <input type="hidden" name="courseId" value={course.id} />
              <TextField name="confirmTitle" id="confirm-title" label={t('deleteTypeTitle', { title: course.title })} autoComplete="off" errors={remove.errorsFor('confirmTitle')} required />
            </form>
          </ConfirmDialog>
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('ownerOnly')}</p>
      )}
    </div>
  );
}
