import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('dashboard'))('title') };
}

export default async function DashboardPage() {
  const user = await requireUser();
  const t = await getTranslations('dashboard');
  return (
    <>
      <PageHeader title={t('title')} />
      <p className="mb-6 text-slate-700 dark:text-slate-300">{t('welcome', { name: user.name || user.email })}</p>
      <EmptyState title={t('emptyTitle')} description={t('emptyDescription')} />
    </>
  );
}
