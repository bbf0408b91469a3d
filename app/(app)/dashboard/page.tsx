import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CourseCover } from '@/components/catalog/course-cover';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { courseHomeHref, landingHref } from '@/lib/catalog/routes';
import { listMyCourses } from '@/lib/enrollments/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('dashboard'))('title') };
}

const percentOf = (c: { completedLessons: number; lessonCount: number }) => (c.lessonCount ? Math.round((Math.min(c.completedLessons, c.lessonCount) / c.lessonCount) * 100) : 0);

export default async function DashboardPage() {
  const user = await requireUser();
  const [t, te, tc, format, courses] = await Promise.all([getTranslations('dashboard'), getTranslations('enrollment'), getTranslations('catalog'), getFormatter(), listMyCourses(user.id)]);
  return (
    <>
      <PageHeader title={t('title')} />
      <p className="mb-6 text-slate-700 dark:text-slate-300">{t('welcome', { name: user.name || user.email })}</p>
      <section aria-labelledby="my-courses-h">
        <h2 id="my-courses-h" className="mb-4 text-xl font-semibold">
          {te('myCourses.title')}
        </h2>
        {courses.length === 0 ? (
          <EmptyState
            title={te('myCourses.emptyTitle')}
            description={te('myCourses.emptyDescription')}
            action={
              <Link href="/catalog" className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                {te('myCourses.browse')}
              </Link>
            }
          />
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {courses.map((c) => (
              <li key={c.courseId} className="flex" data-testid={`my-course-${c.slug}`}>
                <article className="relative flex w-full flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm focus-within:ring-2 focus-within:ring-brand-500 dark:border-slate-800 dark:bg-slate-900">
                  <CourseCover title={c.title} url={c.coverImageUrl} className="aspect-[16/9]" />
                  <div className="flex flex-1 flex-col gap-2 p-4">
                    <h3 className="font-semibold leading-snug">
                      <Link href={landingHref(c.slug)} className="after:absolute after:inset-0 hover:underline focus:outline-none">
                        {c.title}
                      </Link>
                    </h3>
                    {c.shortDescription && <p className="line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{c.shortDescription}</p>}
                    <div className="mt-auto space-y-2 pt-2">
                      <div className="flex items-center gap-2 text-xs text-slate-700 dark:text-slate-300">
                        <progress className="h-2 flex-1" max={100} value={percentOf(c)} aria-label={te('myCourses.progress', { percent: percentOf(c) })} />
                        <span>{te('myCourses.progress', { percent: percentOf(c) })}</span>
                      </div>
                      <p className="text-xs text-slate-600 dark:text-slate-400">
                        {c.completedAt
                          ? te('myCourses.completed', { date: format.dateTime(new Date(c.completedAt), { dateStyle: 'medium' }) })
                          : c.lastActivityAt
                            ? te('myCourses.lastActivity', { date: format.relativeTime(new Date(c.lastActivityAt)) })
                            : te('myCourses.notStarted')}
                      </p>
                      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                        <Badge tone="info">{tc(`levels.${c.level}`)}</Badge>
                        <span>{tc('lessons', { count: c.lessonCount })}</span>
                        <span>· {te('myCourses.enrolledOn', { date: format.dateTime(new Date(c.enrolledAt), { dateStyle: 'medium' }) })}</span>
                      </div>
                      {/* Above the card's stretched title link, so it stays a separate target. */}
                      <Link
                        href={courseHomeHref(c.slug)}
                        className="relative z-10 inline-flex rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
                        aria-label={`${te('myCourses.continue')}: ${c.title}`}
                      >
                        {te('myCourses.continue')}
                      </Link>
                    </div>
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
