import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '@/components/auth/login-form';
import { safeCallbackUrl } from '@/lib/routes';
import { OAuthButtons } from '@/components/auth/oauth-buttons';
import { Card } from '@/components/ui/card';
import { getSessionUser } from '@/lib/auth/session';
import { oauthProviders } from '@/lib/env';
import { getSetting } from '@/lib/settings/queries';
import { adminExists } from '@/lib/users/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signIn') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await getSessionUser()) redirect(safeCallbackUrl(callbackUrl));
  const t = await getTranslations('auth');
  const [registrationOpen, hasAdmin] = await Promise.all([getSetting('registrationOpen'), adminExists()]);
  return (
    <Card>
      <h1 className="mb-6 text-2xl font-semibold">{t('signInTitle')}</h1>
      {!hasAdmin && (
        <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">{t('noAdminYet')}</p>
      )}
      <LoginForm callbackUrl={callbackUrl} registrationOpen={registrationOpen} />
      <OAuthButtons providers={oauthProviders} callbackUrl={safeCallbackUrl(callbackUrl)} />
    </Card>
  );
}
