import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CourseNav } from '@/components/courses/course-nav';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { MediaLibrary } from '@/components/videos/media-library';
import { requireCourseEditorPage } from '@/lib/auth/permissions';
import { getCourseSettings } from '@/lib/courses/queries';
import { env } from '@/lib/env';
import { listCourseVideos } from '@/lib/videos/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('videos'))('libraryTitle') };
}

export default async function CourseMediaPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  await requireCourseEditorPage(courseId);
  const [course, videos, t, tc] = await Promise.all([getCourseSettings(courseId), listCourseVideos(courseId), getTranslations('videos'), getTranslations('lessonEditor')]);
  if (!course) notFound();
  return (
    <>
      <PageHeader title={t('libraryTitle')} crumbs={[{ label: tc('courses'), href: '/courses' }, { label: course.title, href: `/courses/${courseId}/outline` }, { label: t('libraryTitle') }]} />
      <CourseNav courseId={courseId} />
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{t('libraryIntro')}</p>
      <Card>
        <MediaLibrary courseId={courseId} videos={videos} maxBytes={env.VIDEO_MAX_BYTES} />
      </Card>
    </>
  );
}
