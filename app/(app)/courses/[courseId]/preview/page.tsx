import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PreviewBanner } from '@/components/learn/preview-banner';
import { StudentCourseLayout } from '@/components/learn/student-course-layout';
import { EmptyState } from '@/components/ui/empty-state';
import { requireCourseEditorPage } from '@/lib/auth/permissions';
import { getStudentCourseView } from '@/lib/lessons/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('learn'))('previewTitle') };
}

// "Preview as student": exactly the published outline a student gets; nothing is recorded.
export default async function CoursePreviewPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  await requireCourseEditorPage(courseId);
  const view = await getStudentCourseView(courseId);
  if (!view) notFound();
  const t = await getTranslations('learn');
  const first = view.modules[0]?.lessons[0];
  return (
    <StudentCourseLayout view={view} basePath={`/courses/${courseId}/preview`} banner={<PreviewBanner courseId={courseId} />}>
      <h1 className="mb-4 text-2xl font-semibold">{view.title}</h1>
      {first ? (
        <Link href={`/courses/${courseId}/preview/${first.id}`} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t('start')}
        </Link>
      ) : (
        <EmptyState title={t('noLessons')} description={t('noLessonsHint')} />
      )}
    </StudentCourseLayout>
  );
}
