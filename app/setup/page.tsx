import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SetupForm } from '@/components/auth/setup-form';
import { ClientMessages } from '@/components/shell/client-messages';
import { Card } from '@/components/ui/card';
import { adminExists } from '@/lib/users/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('setup'))('title'), referrer: 'no-referrer' };
}

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations('setup');
  const done = await adminExists();
  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 py-10 sm:items-center">
      <Card className="w-full max-w-md">
        <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
        {done ? (
          <div className="space-y-4">
            <p role="status">{t('alreadyDone')}</p>
            <Link href="/login" className="text-brand-600 underline dark:text-indigo-300">
              {t('goToSignIn')}
            </Link>
          </div>
        ) : !token ? (
          <p role="alert">{t('tokenRequired')}</p>
        ) : (
          <>
            <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
            <ClientMessages namespaces="all">
              <SetupForm token={token} />
            </ClientMessages>
          </>
        )}
      </Card>
    </main>
  );
}
