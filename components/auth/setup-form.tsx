'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import { setupAdminAction } from '@/lib/setup/actions';
import { setupSchema } from '@/lib/setup/schemas';
import { PASSWORD_MIN } from '@/lib/users/schemas';

export function SetupForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const router = useRouter();
  const form = useActionForm(setupAdminAction, {
    schema: setupSchema,
    onSuccess: () => {
      router.replace('/admin/users');
      router.refresh();
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <FormError message={form.formError ?? form.errorsFor('token')?.join(' ') ?? null} />
      <input type="hidden" name="token" value={token} />
      <TextField name="name" autoComplete="name" label={t('name')} errors={form.errorsFor('name')} required />
      <TextField name="email" type="email" autoComplete="email" label={t('email')} errors={form.errorsFor('email')} required />
      <TextField name="password" type="password" autoComplete="new-password" label={t('password')} hint={t('passwordHint', { min: PASSWORD_MIN })} errors={form.errorsFor('password')} required />
      <TextField name="confirmPassword" type="password" autoComplete="new-password" label={t('confirmPassword')} errors={form.errorsFor('confirmPassword')} required />
      <Button type="submit" className="w-full" disabled={form.pending}>
        {t('createAdmin')}
      </Button>
    </form>
  );
}
