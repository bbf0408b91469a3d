import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { StudentCourseView } from '@/lib/lessons/dto';
import { cn } from '@/components/ui/cn';

/** The student's course frame: outline on the side, lesson in the main column. */
export async function StudentCourseLayout({ view, basePath, activeLessonId, banner, children }: { view: StudentCourseView; basePath: string; activeLessonId?: string; banner?: ReactNode; children: ReactNode }) {
  const t = await getTranslations('learn');
  const types = await getTranslations('lessonTypes');
  return (
    <div className="space-y-4">
      {banner}
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <nav aria-label={t('outline')} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="mb-3 font-semibold">{view.title}</h2>
          {view.modules.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('noLessons')}</p>
          ) : (
            <ol className="space-y-4">
              {view.modules.map((m) => (
                <li key={m.id}>
                  <h3 className="mb-1 text-sm font-semibold text-slate-700 dark:text-slate-300">{m.title}</h3>
                  <ol className="space-y-1">
                    {m.lessons.map((l) => (
                      <li key={l.id}>
                        <Link
                          href={`${basePath}/${l.id}`}
                          aria-current={l.id === activeLessonId ? 'page' : undefined}
                          className={cn('block rounded px-2 py-1 text-sm', l.id === activeLessonId ? 'bg-slate-100 font-medium dark:bg-slate-800' : 'hover:bg-slate-100 dark:hover:bg-slate-800')}
                        >
                          <span className="sr-only">{types(l.type)}: </span>
                          {l.title}
                          {l.durationSeconds ? <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">· {t('minutes', { n: Math.max(1, Math.round(l.durationSeconds / 60)) })}</span> : null}
                        </Link>
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ol>
          )}
        </nav>
        <div>{children}</div>
      </div>
    </div>
  );
}
