import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignupForm } from '@/components/auth/signup-form';
import { Card } from '@/components/ui/card';
import { getSessionUser } from '@/lib/auth/session';
import { getSetting } from '@/lib/settings/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signUp') };
}

export default async function SignupPage() {
  if (await getSessionUser()) redirect('/dashboard');
  const t = await getTranslations('auth');
  const open = await getSetting('registrationOpen');
  return (
    <Card>
      <h1 className="mb-6 text-2xl font-semibold">{t('signUpTitle')}</h1>
      {open ? (
        <SignupForm />
      ) : (
        <div className="space-y-4">
          <p role="status">{t('registrationClosed')}</p>
          <Link href="/login" className="text-brand-600 underline dark:text-indigo-300">
            {t('signIn')}
          </Link>
        </div>
      )}
    </Card>
  );
}
