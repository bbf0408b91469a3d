'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useTheme } from 'next-themes';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import { signInAction } from '@/lib/users/actions';
import { signInSchema } from '@/lib/users/schemas';
import { applyLocale, readLocalLocale, readLocalTheme } from '@/components/shell/locale-storage';
import type { Preferences } from '@/lib/preferences/merge';
import { safeCallbackUrl } from '@/lib/routes';

/** After sign-in or sign-up: adopt the account's merged preferences on this device. */
export function useAdoptPreferences() {
  const { setTheme } = useTheme();
  return (prefs: Preferences) => {
    if (prefs.theme) setTheme(prefs.theme);
    if (prefs.locale) applyLocale(prefs.locale);
  };
}

export const withLocalPreferences = (v: Record<string, unknown>) => ({ ...v, theme: readLocalTheme() ?? undefined, locale: readLocalLocale() ?? undefined });

export function LoginForm({ callbackUrl, registrationOpen }: { callbackUrl?: string; registrationOpen: boolean }) {
  const t = useTranslations('auth');
  const router = useRouter();
  const adopt = useAdoptPreferences();
  const form = useActionForm(signInAction, {
    schema: signInSchema,
    transform: withLocalPreferences,
    onSuccess: (data) => {
      adopt(data.preferences);
      router.replace(safeCallbackUrl(callbackUrl));
      router.refresh();
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-describedby={form.formError ? 'login-error' : undefined}>
      <div id="login-error">
        <FormError message={form.formError} />
      </div>
      <TextField name="email" type="email" autoComplete="email" label={t('email')} errors={form.errorsFor('email')} required />
      <TextField name="password" type="password" autoComplete="current-password" label={t('password')} errors={form.errorsFor('password')} required />
      <Button type="submit" className="w-full" disabled={form.pending}>
        {form.pending ? t('signingIn') : t('signIn')}
      </Button>
      {registrationOpen && (
        <p className="text-center text-sm">
          {t('noAccount')}{' '}
          <Link href="/signup" className="font-medium text-brand-600 underline dark:text-indigo-300">
            {t('signUp')}
          </Link>
        </p>
      )}
    </form>
  );
}
