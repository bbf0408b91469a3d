'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import { inviteEditorAction, removeEditorAction, transferOwnershipAction } from '@/lib/courses/actions';
import type { CourseMember } from '@/lib/courses/dto';
import { inviteEditorSchema } from '@/lib/courses/schemas';
import { ConfirmDialog } from './confirm-dialog';

/** The course team. Owners and admins (`canManage`) invite, remove and hand over ownership. */
export function CourseMembers({ courseId, members, canManage }: { courseId: string; members: CourseMember[]; canManage: boolean }) {
  const t = useTranslations('courses.members');
  const router = useRouter();
  const [pending, start] = useTransition();
  const invite = useActionForm(inviteEditorAction, {
    schema: inviteEditorSchema,
    onSuccess: (u, form) => {
      form.reset();
      toast.success(t('invited', { email: u.email }));
      router.refresh();
    },
  });

  const run = (call: () => Promise<{ ok: boolean; error?: { message: string } }>, success: string) =>
    start(async () => {
      const r = await call();
      if (r.ok) {
        toast.success(success);
        router.refresh();
      } else toast.error(r.error!.message);
    });

  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('list')}>
        {members.map((m) => (
          <li key={m.userId} className="flex flex-wrap items-center gap-2 py-2" data-testid={`member-${m.email}`}>
            <div className="min-w-0 flex-1">
              <div className="truncate font-medium">{m.name || m.email}</div>
              <div className="truncate text-sm text-slate-600 dark:text-slate-400">{m.email}</div>
            </div>
            <Badge tone={m.role === 'owner' ? 'info' : 'neutral'}>{t(`roles.${m.role}`)}</Badge>
            {canManage && m.role === 'editor' && (
              <div className="flex gap-1">
                <ConfirmDialog
                  trigger={t('makeOwner')}
                  triggerProps={{ size: 'sm', variant: 'ghost', disabled: pending, 'aria-label': t('makeOwnerFor', { email: m.email }) }}
                  title={t('transferTitle')}
                  confirmLabel={t('transferConfirm')}
                  confirmDisabled={pending}
                  onConfirm={() => run(() => transferOwnershipAction({ courseId, userId: m.userId }), t('transferred', { email: m.email }))}
                >
                  <p>{t('transferBody', { email: m.email })}</p>
                </ConfirmDialog>
                <Button size="sm" variant="ghost" disabled={pending} aria-label={t('removeFor', { email: m.email })} onClick={() => run(() => removeEditorAction({ courseId, userId: m.userId }), t('removed', { email: m.email }))}>
                  {t('remove')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {canManage ? (
        <form onSubmit={invite.onSubmit} noValidate className="space-y-3" aria-label={t('inviteTitle')}>
          <FormError message={invite.formError} />
          <input type="hidden" name="courseId" value={courseId} />
          <TextField name="email" id="invite-email" type="email" autoComplete="off" label={t('inviteEmail')} hint={t('inviteHint')} errors={invite.errorsFor('email')} required />
          <Button type="submit" variant="secondary" disabled={invite.pending}>
            {t('invite')}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('ownerOnly')}</p>
      )}
    </div>
  );
}
