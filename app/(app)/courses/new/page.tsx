import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { CreateCourseForm } from '@/components/courses/create-course-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
import { courseLanguages } from '@/lib/courses/constants';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('courses'))('create.title') };
}

export default async function NewCoursePage() {
  await requirePageRole(['author', 'admin']);
  const [t, locale] = await Promise.all([getTranslations('courses'), getLocale()]);
  // Most authors write in the language they use the platform in.
  const defaultLanguage = (courseLanguages as readonly string[]).includes(locale) ? locale : 'en';
  return (
    <>
      <PageHeader title={t('create.title')} crumbs={[{ label: t('list.title'), href: '/courses' }, { label: t('create.title') }]} />
      <Card>
        <CreateCourseForm defaultLanguage={defaultLanguage} />
      </Card>
    </>
  );
}
