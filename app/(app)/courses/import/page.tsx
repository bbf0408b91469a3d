import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CourseImportForm } from '@/components/courses/course-import-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('courseTransfer'))('importTitle') };
}

export default async function CourseImportPage() {
  await requirePageRole(['author', 'admin']);
  const t = await getTranslations('courseTransfer');
  return (
    <>
      <PageHeader title={t('importTitle')} crumbs={[{ label: t('coursesCrumb'), href: '/courses' }, { label: t('importTitle') }]} />
      <Card className="max-w-2xl space-y-4">
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('importIntro')}</p>
        <CourseImportForm />
      </Card>
    </>
  );
}
