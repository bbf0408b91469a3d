import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cn } from '@/components/ui/cn';
import { lessonHref } from '@/lib/catalog/routes';
import type { CourseProgressView, LessonLock } from '@/lib/learning/dto';

/** A lock as a sentence ("Complete “Intro” first.", "Opens on 3 May 2027."). */
export async function lockText(lock: LessonLock) {
  const [t, format] = await Promise.all([getTranslations('learn'), getFormatter()]);
  if (lock.kind === 'sequence') return t('lock.sequence', { lesson: lock.lessonTitle });
  if (lock.kind === 'drip') return t('lock.drip', { date: format.dateTime(new Date(lock.opensAt), { dateStyle: 'long' }) });
  return t('lock.not_enrolled');
}

const icon = { completed: '✓', in_progress: '◐', not_started: '○' } as const;

/** The course outline beside a lesson: each lesson's state, and why a locked one is locked. */
export async function LessonOutline({ view, activeLessonId }: { view: CourseProgressView; activeLessonId: string }) {
  const [t, types] = await Promise.all([getTranslations('learn'), getTranslations('lessonTypes')]);
  const locks = new Map(await Promise.all(view.lessons.filter((l) => l.locked).map(async (l) => [l.id, await lockText(l.locked!)] as const)));
  return (
    <nav aria-label={t('outline')} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="font-semibold">{view.course.title}</h2>
      {(view.enrollment || view.isStaff) && (
        <div className="mt-2 mb-4">
          <progress className="h-2 w-full" max={100} value={view.percent} aria-label={t('progressLabel', { percent: view.percent })} />
          <p className="text-xs text-slate-600 dark:text-slate-400">{t('progressDetail', { done: view.completedCount, total: view.total })}</p>
        </div>
      )}
      <ol className="space-y-4">
        {view.modules.map((m) => (
          <li key={m.id}>
            <h3 className="mb-1 text-sm font-semibold text-slate-700 dark:text-slate-300">{m.title}</h3>
            <ol className="space-y-1">
              {m.lessons.map((l) => {
                const active = l.id === activeLessonId;
                const state = l.locked ? t('locked') : t(`status.${l.status}`);
                return (
                  <li key={l.id} data-testid={`outline-lesson-${l.id}`} data-state={l.locked ? 'locked' : l.status}>
                    <Link
                      href={lessonHref(view.course.slug, l.id)}
                      aria-current={active ? 'page' : undefined}
                      className={cn(
                        'flex items-start gap-2 rounded px-2 py-1 text-sm',
                        active ? 'bg-slate-100 font-medium dark:bg-slate-800' : 'hover:bg-slate-100 dark:hover:bg-slate-800',
                        l.locked && 'text-slate-600 dark:text-slate-400',
                      )}
                    >
                      <span aria-hidden="true" className={cn('w-4 shrink-0 text-center', l.status === 'completed' && 'text-green-700 dark:text-green-400')}>
                        {l.locked ? '🔒' : icon[l.status]}
                      </span>
                      <span className="min-w-0">
                        <span className="sr-only">
                          {types(l.type)}, {state}:{' '}
                        </span>
                        {l.title}
                        {l.durationSeconds ? <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">· {t('minutes', { n: Math.max(1, Math.round(l.durationSeconds / 60)) })}</span> : null}
                        {l.locked && <span className="block text-xs">{locks.get(l.id)}</span>}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </nav>
  );
}
