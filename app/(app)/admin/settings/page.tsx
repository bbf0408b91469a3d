import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SettingsForm } from '@/components/admin/settings-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
import { getPlatformSettings } from '@/lib/settings/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('adminSettings'))('title') };
}

export default async function AdminSettingsPage() {
  await requirePageRole(['admin']);
  const t = await getTranslations('adminSettings');
  const settings = await getPlatformSettings();
  return (
    <>
      <PageHeader title={t('title')} crumbs={[{ label: t('admin') }, { label: t('title') }]} />
      <Card className="max-w-xl">
        <SettingsForm settings={settings} />
      </Card>
    </>
  );
}
