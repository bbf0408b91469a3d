import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ResetPasswordForm } from '@/components/auth/password-forms';
import { Card } from '@/components/ui/card';
import { isResetTokenValid } from '@/lib/users/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('resetTitle'), referrer: 'no-referrer' };
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('auth');
  const valid = token.length <= 200 && (await isResetTokenValid(token));
  return (
    <Card>
      <h1 className="mb-6 text-2xl font-semibold">{t('resetTitle')}</h1>
      {valid ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="space-y-4">
          <p role="alert">{t('resetLinkInvalid')}</p>
          <Link href="/login" className="text-brand-600 underline dark:text-indigo-300">
            {t('signIn')}
          </Link>
        </div>
      )}
    </Card>
  );
}
