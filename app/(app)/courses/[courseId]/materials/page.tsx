import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CourseNav } from '@/components/courses/course-nav';
import { MaterialsEditor } from '@/components/materials/materials-editor';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireCourseEditorPage } from '@/lib/auth/permissions';
import { getCourseSettings } from '@/lib/courses/queries';
import { listMaterialsForEditor } from '@/lib/materials/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('materials'))('courseTitle') };
}

/** Course-wide materials (lesson materials are managed in each lesson's editor). */
export default async function CourseMaterialsPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  await requireCourseEditorPage(courseId);
  const [course, materials, t, tc] = await Promise.all([getCourseSettings(courseId), listMaterialsForEditor(courseId, null), getTranslations('materials'), getTranslations('lessonEditor')]);
  if (!course) notFound();
  return (
    <>
      <PageHeader title={t('courseTitle')} crumbs={[{ label: tc('courses'), href: '/courses' }, { label: course.title, href: `/courses/${courseId}/outline` }, { label: t('courseTitle') }]} />
      <CourseNav courseId={courseId} />
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{t('courseHint')}</p>
      <Card>
        <MaterialsEditor courseId={courseId} materials={materials} />
      </Card>
    </>
  );
}
