import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('moderation'))('title') };
}

export default async function ModerationPage() {
  await requirePageRole(['moderator', 'admin']);
  const t = await getTranslations('moderation');
  return (
    <>
      <PageHeader title={t('title')} />
      <EmptyState title={t('emptyTitle')} description={t('emptyDescription')} />
    </>
  );
}
