import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { CourseNav } from '@/components/courses/course-nav';
import { OutlineEditor } from '@/components/outline/outline-editor';
import { PageHeader } from '@/components/ui/page-header';
import { requireCourseEditorPage } from '@/lib/auth/permissions';
import { getCourseOutline } from '@/lib/outline/queries';

type Props = { params: Promise<{ courseId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('outline'))('pageTitle') };
}

export default async function CourseOutlinePage({ params }: Props) {
  const { courseId } = await params;
  // Authors and admins only (requirePageRole), and only editors or owners of this course
  // (getCourseRole) unless admin; anyone else, or no such course, gets the same 404.
  const actor = await requireCourseEditorPage(courseId);
  const [t, outline] = await Promise.all([getTranslations('outline'), getCourseOutline(courseId, actor.id)]);
  if (!outline) notFound();
  return (
    <>
      <PageHeader title={outline.title} crumbs={[{ label: t('crumbs.courses'), href: '/courses' }, { label: outline.title }, { label: t('pageTitle') }]} />
      <CourseNav courseId={outline.courseId} />
      <OutlineEditor outline={outline} />
    </>
  );
}
