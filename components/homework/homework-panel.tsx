import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { SessionUser } from '@/lib/auth/session';
import { getOwnHomeworkThread } from '@/lib/homework/queries';
import { HomeworkComposer } from './homework-composer';
import { HomeworkStatus } from './homework-status';
import { HomeworkThread } from './homework-thread';

/**
 * The student's side of a homework lesson: status, the thread with the teachers, the composer.
 * The caller (the lesson page) has checked that the lesson is open to the viewer.
 */
export async function HomeworkPanel({ viewer, courseId, lessonId, isEnrolled, isStaff }: { viewer: SessionUser | null; courseId: string; lessonId: string; isEnrolled: boolean; isStaff: boolean }) {
  const t = await getTranslations('homework');
  if (!viewer || !isEnrolled) {
    return isStaff ? (
      <section className="rounded-lg border border-slate-200 bg-white p-6 text-sm dark:border-slate-800 dark:bg-slate-900">
        <p>
          {t('staffPreview')}{' '}
          <Link href="/inbox" className="text-brand-600 underline dark:text-indigo-300">
            {t('openInbox')}
          </Link>
        </p>
      </section>
    ) : null;
  }
  const thread = await getOwnHomeworkThread(viewer, lessonId);
  return (
    <section aria-labelledby="homework-h" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900" data-testid="homework">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="homework-h" className="text-lg font-semibold">
          {t('title')}
        </h2>
        <HomeworkStatus status={thread?.status ?? null} grade={thread?.grade} />
      </div>
      {!thread && <p className="text-sm text-slate-700 dark:text-slate-300">{t('instructionsNote')}</p>}
      {thread && (
        <>
          <h3 className="text-sm font-semibold">{t('thread')}</h3>
          <HomeworkThread messages={thread.messages} viewerId={viewer.id} />
        </>
      )}
      <HomeworkComposer mode="student" courseId={courseId} lessonId={lessonId} status={thread?.status ?? null} />
    </section>
  );
}
