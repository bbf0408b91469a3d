import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { HomeworkPanel } from '@/components/homework/homework-panel';
import { HomeworkThread } from '@/components/homework/homework-thread';
import { LessonMaterials } from '@/components/materials/lesson-materials';
import { CollapsibleOutline } from '@/components/learn/collapsible-outline';
import { LessonOutline, lockText } from '@/components/learn/lesson-outline';
import { LessonVideo } from '@/components/learn/lesson-video';
import { MarkCompleteButton } from '@/components/learn/mark-complete-button';
import { QuizLesson } from '@/components/quizzes/quiz-lesson';
import { ClientMessages } from '@/components/shell/client-messages';
import { Badge } from '@/components/ui/badge';
import { ReportButton } from '@/components/moderation/report-button';
import { getSessionUser } from '@/lib/auth/session';
import { courseCompleteHref, landingHref, lessonHref } from '@/lib/catalog/routes';
import { recordLessonOpened } from '@/lib/learning/mutations';
import { getOwnHomeworkThread } from '@/lib/homework/queries';
import { getLearnLessonPage } from '@/lib/learning/queries';
import { getPosterUrl } from '@/lib/videos/playback';
import { preload } from 'react-dom';

type Props = { params: Promise<{ slug: string; lessonId: string }> };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, lessonId } = await params;
  const page = UUID.test(lessonId) ? await getLearnLessonPage(await getSessionUser(), slug, lessonId) : null;
  return { title: page ? `${page.lesson.title} · ${page.view.course.title}` : (await getTranslations('learn'))('outline') };
}

export default async function LessonPage({ params }: Props) {
  const { slug, lessonId } = await params;
  if (!UUID.test(lessonId)) notFound();
  const viewer = await getSessionUser();
  const page = await getLearnLessonPage(viewer, slug, lessonId);
  if (!page) notFound();
  const { view, lesson, content, prev, next } = page;
  // Not enrolled and not a free preview: a visitor signs in, a signed-in user sees the course page.
  if (lesson.locked?.kind === 'not_enrolled') redirect(viewer ? landingHref(slug) : `/login?callbackUrl=${encodeURIComponent(lessonHref(slug, lessonId))}`);
  if (!lesson.locked && viewer && view.enrollment) await recordLessonOpened(viewer.id, view.course.id, lesson.id);

  const t = await getTranslations('learn');
  const completed = lesson.status === 'completed';
  const nextOpen = next && !next.locked ? next : null;
  const rule = lesson.completionRule;
  const upNext = nextOpen ? { title: nextOpen.title, href: lessonHref(slug, nextOpen.id) } : null;
  // The poster is the page's largest paint: sign it here and preload it rather than after hydration.
  const poster = !lesson.locked && lesson.type === 'video' && lesson.videoId ? await getPosterUrl(lesson.videoId).catch(() => null) : null;
  if (poster) preload(poster, { as: 'image', fetchPriority: 'high' });
  // The client components this lesson can show, and so the messages they need: every lesson has the
  // report button, its documents and a question thread; quiz and video lessons add their own.
  const clientNamespaces = ['learn', 'player', 'moderation', 'materials', 'homework', ...(lesson.type === 'quiz' ? ['quiz'] : [])];

  return (
    <ClientMessages namespaces={clientNamespaces}>
    <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
      <aside className="order-2 lg:order-1">
        <CollapsibleOutline>
          <LessonOutline view={view} activeLessonId={lesson.id} />
        </CollapsibleOutline>
      </aside>
      <article className="order-1 min-w-0 space-y-4 lg:order-2" data-testid="lesson" data-lesson-state={lesson.locked ? 'locked' : lesson.status}>
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">{page.moduleTitle}</p>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h1 className="text-2xl font-semibold">{lesson.title}</h1>
            {viewer && !view.isStaff && <ReportButton targetType="lesson" targetId={lesson.id} />}
          </div>
        </div>
        {content?.hiddenAt && (
          // Only course staff reach a hidden lesson (students get a 404): tell them why students cannot.
          <p role="note" className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100" data-testid="lesson-hidden-notice">
            {t('hiddenByModeration')}
          </p>
        )}
        {!view.enrollment && !view.isStaff && lesson.isFreePreview && (
          <p role="note" className="rounded-md bg-indigo-50 p-3 text-sm text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100">
            {t('previewNotice')}{' '}
            <Link className="underline" href={landingHref(slug)}>
              {view.course.title}
            </Link>
          </p>
        )}
        {lesson.locked ? (
          <section aria-labelledby="locked-h" className="rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
            <h2 id="locked-h" className="mb-2 font-semibold">
              🔒 {t('lockedTitle')}
            </h2>
            <p>{await lockText(lesson.locked)}</p>
          </section>
        ) : (
          <>
            {lesson.type === 'video' &&
              (lesson.videoId ? (
                <LessonVideo videoId={lesson.videoId} lessonId={lesson.id} title={lesson.title} completed={completed} signedIn={Boolean(viewer)} upNext={upNext} poster={poster} />
              ) : (
                <p className="rounded-md bg-slate-50 p-4 text-sm dark:bg-slate-950">{t('noVideo')}</p>
              ))}
            <div className="rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
              {content?.description && <p className="mb-4 text-slate-700 dark:text-slate-300">{content.description}</p>}
              {lesson.type === 'quiz' ? (
                <QuizLesson viewer={viewer} courseId={view.course.id} lessonId={lesson.id} canTake={Boolean(viewer && (view.enrollment || view.isStaff))} />
              ) : lesson.type === 'text' || content?.contentHtml ? (
                // Stored HTML was sanitized on write (lib/content/sanitize.ts), so it renders as is.
                <div className="prose-lesson" dangerouslySetInnerHTML={{ __html: content?.contentHtml ?? '' }} />
              ) : lesson.type !== 'video' && lesson.type !== 'homework' ? (
                <p className="rounded-md bg-slate-50 p-4 text-sm dark:bg-slate-950">{t(`placeholder.${lesson.type}`)}</p>
              ) : null}
              {view.enrollment && (
                <div className="mt-6 flex flex-wrap items-center gap-3" data-testid="completion">
                  {completed ? (
                    <Badge tone="success">✓ {t('completedBadge')}</Badge>
                  ) : rule.kind === 'view' ? (
                    <MarkCompleteButton courseId={view.course.id} lessonId={lesson.id} />
                  ) : rule.kind === 'video_coverage' ? (
                    <p className="text-sm text-slate-700 dark:text-slate-300">{t('coverageRule', { percent: rule.percent, done: Math.floor(lesson.coverage * 100) })}</p>
                  ) : (
                    <p className="text-sm text-slate-700 dark:text-slate-300">{rule.kind === 'quiz_passed' ? t('ruleQuiz') : t('ruleHomework')}</p>
                  )}
                </div>
              )}
            </div>
            <LessonMaterials viewer={viewer} courseId={view.course.id} lessonId={lesson.id} slug={slug} canSearch={Boolean(viewer && (view.enrollment || view.isStaff))} />
            {lesson.type === 'homework' && <HomeworkPanel viewer={viewer} courseId={view.course.id} lessonId={lesson.id} isEnrolled={Boolean(view.enrollment)} isStaff={view.isStaff} />}
            {lesson.type !== 'homework' && viewer && view.enrollment && <QuestionThread viewer={viewer} lessonId={lesson.id} />}
          </>
        )}
        <nav aria-label={t('lessonNav')} className="flex flex-wrap justify-between gap-3 text-sm">
          {prev ? (
            <Link href={lessonHref(slug, prev.id)} className="text-brand-600 underline dark:text-indigo-300">
              ← {t('previous')}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            next.locked ? (
              <span className="text-slate-600 dark:text-slate-400">{t('upNextLocked', { lesson: next.title, reason: await lockText(next.locked) })}</span>
            ) : (
              <Link href={lessonHref(slug, next.id)} className="text-brand-600 underline dark:text-indigo-300">
                {t('next')} →
              </Link>
            )
          ) : view.enrollment?.completedAt ? (
            <Link href={courseCompleteHref(slug)} className="text-brand-600 underline dark:text-indigo-300">
              {t('finish')} →
            </Link>
          ) : null}
        </nav>
      </article>
    </div>
    </ClientMessages>
  );
}

/** Questions the student sent from this lesson's documents (region snapshots) and the answers. */
async function QuestionThread({ viewer, lessonId }: { viewer: NonNullable<Awaited<ReturnType<typeof getSessionUser>>>; lessonId: string }) {
  const thread = await getOwnHomeworkThread(viewer, lessonId);
  if (!thread) return null;
  const t = await getTranslations('materials.questions');
  return (
    <section aria-labelledby="questions-h" className="rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900" data-testid="question-thread">
      <h2 id="questions-h" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">{t('hint')}</p>
      <HomeworkThread messages={thread.messages} />
    </section>
  );
}
