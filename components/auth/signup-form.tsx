'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import { signUpAction } from '@/lib/users/actions';
import { PASSWORD_MIN, signUpSchema } from '@/lib/users/schemas';
import { useAdoptPreferences, withLocalPreferences } from './login-form';

export function SignupForm() {
  const t = useTranslations('auth');
  const router = useRouter();
  const adopt = useAdoptPreferences();
  const form = useActionForm(signUpAction, {
    schema: signUpSchema,
    transform: withLocalPreferences,
    onSuccess: (data) => {
      adopt(data.preferences);
      router.replace('/dashboard');
      router.refresh();
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <FormError message={form.formError} />
      <TextField name="name" autoComplete="name" label={t('name')} errors={form.errorsFor('name')} required maxLength={100} />
      <TextField name="email" type="email" autoComplete="email" label={t('email')} errors={form.errorsFor('email')} required />
      <TextField name="password" type="password" autoComplete="new-password" label={t('password')} hint={t('passwordHint', { min: PASSWORD_MIN })} errors={form.errorsFor('password')} required />
      <Button type="submit" className="w-full" disabled={form.pending}>
        {form.pending ? t('creatingAccount') : t('createAccount')}
      </Button>
      <p className="text-center text-sm">
        {t('haveAccount')}{' '}
        <Link href="/login" className="font-medium text-brand-600 underline dark:text-indigo-300">
          {t('signIn')}
        </Link>
      </p>
    </form>
  );
}
