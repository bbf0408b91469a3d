import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LessonEditorForm } from '@/components/lessons/lesson-editor-form';
import { MaterialsEditor } from '@/components/materials/materials-editor';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { QuizEditorSection } from '@/components/quizzes/quiz-editor-section';
import { requireCourseEditorPage } from '@/lib/auth/permissions';
import { LessonVideoPanel } from '@/components/videos/lesson-video-panel';
import { env } from '@/lib/env';
import { getLessonForEdit } from '@/lib/lessons/queries';
import { listMaterialsForEditor } from '@/lib/materials/queries';
import { getLessonVideos } from '@/lib/videos/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('lessonEditor'))('pageTitle') };
}

export default async function LessonEditPage({ params }: { params: Promise<{ courseId: string; lessonId: string }> }) {
  const { courseId, lessonId } = await params;
  await requireCourseEditorPage(courseId);
  const lesson = /^[0-9a-f-]{36}$/i.test(lessonId) ? await getLessonForEdit(courseId, lessonId) : null;
  if (!lesson) notFound();
  const t = await getTranslations('lessonEditor');
  const types = await getTranslations('lessonTypes');
  return (
    <>
      <PageHeader
        title={lesson.title}
        crumbs={[
          { label: t('courses'), href: '/courses' },
          { label: lesson.courseTitle, href: `/courses/${courseId}/outline` },
          { label: lesson.moduleTitle },
          { label: lesson.title },
        ]}
        actions={
          <div className="flex items-center gap-3">
            <Badge tone="info">{types(lesson.type)}</Badge>
            <Link className="text-sm text-brand-600 underline dark:text-indigo-300" href={`/courses/${courseId}/preview/${lessonId}`}>
              {t('previewAsStudent')}
            </Link>
          </div>
        }
      />
      {lesson.type === 'video' && <LessonVideoSection courseId={courseId} lessonId={lessonId} />}
      {lesson.type === 'quiz' && <QuizEditorSection courseId={courseId} lessonId={lessonId} />}
      <Card>
        <LessonEditorForm lesson={lesson} />
      </Card>
      <LessonMaterialsSection courseId={courseId} lessonId={lessonId} />
    </>
  );
}

async function LessonVideoSection({ courseId, lessonId }: { courseId: string; lessonId: string }) {
  const { current, pending, library } = await getLessonVideos(courseId, lessonId);
  return (
    <Card className="mb-6">
      <LessonVideoPanel courseId={courseId} lessonId={lessonId} current={current} pending={pending} library={library} maxBytes={env.VIDEO_MAX_BYTES} />
    </Card>
  );
}

async function LessonMaterialsSection({ courseId, lessonId }: { courseId: string; lessonId: string }) {
  const [materials, t] = await Promise.all([listMaterialsForEditor(courseId, lessonId), getTranslations('materials')]);
  return (
    <Card className="mt-6">
      <section aria-labelledby="materials-h">
        <h2 id="materials-h" className="text-lg font-semibold">
          {t('title')}
        </h2>
        <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{t('lessonHint')}</p>
        <MaterialsEditor courseId={courseId} lessonId={lessonId} materials={materials} />
      </section>
    </Card>
  );
}
