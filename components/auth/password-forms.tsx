'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import { changePasswordAction, resetPasswordAction } from '@/lib/users/actions';
import { changePasswordSchema, PASSWORD_MIN, resetPasswordSchema } from '@/lib/users/schemas';

export function ChangePasswordForm() {
  const t = useTranslations('auth');
  const form = useActionForm(changePasswordAction, {
    schema: changePasswordSchema,
    onSuccess: (_d, el) => {
      el.reset();
      toast.success(t('passwordChanged'));
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="max-w-md space-y-4">
      <FormError message={form.formError} />
      <TextField name="currentPassword" type="password" autoComplete="current-password" label={t('currentPassword')} errors={form.errorsFor('currentPassword')} required />
      <TextField name="newPassword" type="password" autoComplete="new-password" label={t('newPassword')} hint={t('passwordHint', { min: PASSWORD_MIN })} errors={form.errorsFor('newPassword')} required />
      <TextField name="confirmPassword" type="password" autoComplete="new-password" label={t('confirmPassword')} errors={form.errorsFor('confirmPassword')} required />
      <Button type="submit" disabled={form.pending}>
        {t('changePassword')}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const router = useRouter();
  const form = useActionForm(resetPasswordAction, {
    schema: resetPasswordSchema,
    onSuccess: () => {
      toast.success(t('passwordResetDone'));
      router.replace('/login');
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <FormError message={form.formError} />
      <input type="hidden" name="token" value={token} />
      <TextField name="newPassword" type="password" autoComplete="new-password" label={t('newPassword')} hint={t('passwordHint', { min: PASSWORD_MIN })} errors={form.errorsFor('newPassword')} required />
      <TextField name="confirmPassword" type="password" autoComplete="new-password" label={t('confirmPassword')} errors={form.errorsFor('confirmPassword')} required />
      <Button type="submit" className="w-full" disabled={form.pending}>
        {t('setPassword')}
      </Button>
    </form>
  );
}
