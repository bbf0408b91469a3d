import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PreviewBanner } from '@/components/learn/preview-banner';
import { StudentCourseLayout } from '@/components/learn/student-course-layout';
import { requireCourseEditorPage } from '@/lib/auth/permissions';
import { getStudentCourseView, getStudentLesson } from '@/lib/lessons/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('learn'))('previewTitle') };
}

export default async function LessonPreviewPage({ params }: { params: Promise<{ courseId: string; lessonId: string }> }) {
  const { courseId, lessonId } = await params;
  await requireCourseEditorPage(courseId);
  const view = await getStudentCourseView(courseId);
  const lesson = view && (await getStudentLesson(view, lessonId));
  if (!view || !lesson) notFound();
  const t = await getTranslations('learn');
  const base = `/courses/${courseId}/preview`;
  return (
    <StudentCourseLayout view={view} basePath={base} activeLessonId={lesson.id} banner={<PreviewBanner courseId={courseId} />}>
      <article className="rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
        <p className="text-sm text-slate-600 dark:text-slate-400">{lesson.moduleTitle}</p>
        <h1 className="mb-4 text-2xl font-semibold">{lesson.title}</h1>
        {lesson.description && <p className="mb-4 text-slate-700 dark:text-slate-300">{lesson.description}</p>}
        {lesson.type === 'text' ? (
          // Stored HTML was sanitized on write (lib/content/sanitize.ts), so it renders as is.
          <div className="prose-lesson" dangerouslySetInnerHTML={{ __html: lesson.contentHtml }} />
        ) : (
          <p className="rounded-md bg-slate-50 p-4 text-sm dark:bg-slate-950">{t(`placeholder.${lesson.type}`)}</p>
        )}
        <nav aria-label={t('lessonNav')} className="mt-8 flex justify-between text-sm">
          {lesson.prevId ? (
            <Link href={`${base}/${lesson.prevId}`} className="text-brand-600 underline dark:text-indigo-300">
              ← {t('previous')}
            </Link>
          ) : (
            <span />
          )}
          {lesson.nextId && (
            <Link href={`${base}/${lesson.nextId}`} className="text-brand-600 underline dark:text-indigo-300">
              {t('next')} →
            </Link>
          )}
        </nav>
      </article>
    </StudentCourseLayout>
  );
}
