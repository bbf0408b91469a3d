import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ChartPanel } from '@/components/analytics/chart-panel';
import { RangePicker, rangeParams } from '@/components/analytics/range-picker';
import { StatCard, StatGrid } from '@/components/analytics/stat-card';
import { StudentTable } from '@/components/analytics/student-table';
import { CourseNav } from '@/components/courses/course-nav';
import { IntentNav } from '@/components/ui/intent-nav';
import { PageHeader } from '@/components/ui/page-header';
import { getCourseAnalytics, listCourseStudents } from '@/lib/analytics/course-queries';
import { studentListSchema } from '@/lib/analytics/dashboard-schemas';
import { lastRollupAt } from '@/lib/analytics/rollup';
import { requirePageRole } from '@/lib/auth/permissions';
import { landingHref } from '@/lib/catalog/routes';

type Props = { params: Promise<{ courseId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('analytics'))('course.title') };
}

export default async function CourseAnalyticsPage({ params, searchParams }: Props) {
  const user = await requirePageRole(['author', 'admin']);
  const { courseId } = await params;
  const raw = await searchParams;
  const range = rangeParams(raw);
  const input = studentListSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  // Both queries check access themselves (admin, or an author who edits this course): null → 404.
  const [data, students] = await Promise.all([getCourseAnalytics(user, courseId, range), listCourseStudents(user, courseId, input)]);
  if (!data || !students) notFound();
  const t = await getTranslations('analytics');
  const { totals } = data;
  const day = { key: 'day', label: t('col.day'), format: 'day' as const };
  const keep: Record<string, string> = data.preset ? { preset: data.preset } : { from: data.range.from, to: data.range.to };
  const rangeQs = new URLSearchParams(keep).toString();
  const funnelRows = data.funnel.map((f) => ({ step: f.key === 'lesson' ? f.label : t(`funnel.${f.key}`), students: f.students }));
  const videoLessons = data.lessons.filter((l) => l.videoId);
  return (
    <>
      <PageHeader title={t('course.title')} crumbs={[{ label: t('course.courses'), href: '/courses' }, { label: data.course.title, href: landingHref(data.course.slug) }, { label: t('course.title') }]} />
      <CourseNav courseId={courseId} />
      <RangePicker basePath={`/courses/${courseId}/analytics`} data={data} raw={raw} updatedAt={await lastRollupAt()} />
      <StatGrid label={t('course.figures')}>
        <StatCard id="enrollments" label={t('metric.enrollments')} value={totals.enrollments.value} previous={totals.enrollments.previous} format="int" definition={t('def.enrollments')} />
        <StatCard id="active" label={t('metric.avgActiveStudents')} value={totals.avgActiveStudents.value} previous={totals.avgActiveStudents.previous} format="dec" definition={t('def.avgActiveStudents')} />
        <StatCard id="lesson-completions" label={t('metric.lessonCompletions')} value={totals.lessonCompletions.value} previous={totals.lessonCompletions.previous} format="int" definition={t('def.lessonCompletions')} />
        <StatCard id="course-completions" label={t('metric.courseCompletions')} value={totals.courseCompletions.value} previous={totals.courseCompletions.previous} format="int" definition={t('def.courseCompletions')} />
        <StatCard id="watch-hours" label={t('metric.watchHours')} value={totals.watchHours.value} previous={totals.watchHours.previous} format="hours" definition={t('def.watchHours')} />
        <StatCard id="quiz-attempts" label={t('metric.quizAttempts')} value={totals.quizAttempts.value} previous={totals.quizAttempts.previous} format="int" definition={t('def.quizAttempts')} />
        <StatCard id="quiz-pass-rate" label={t('metric.quizPassRate')} value={totals.quizPassRate.value} previous={totals.quizPassRate.previous} format="pct" definition={t('def.quizPassRate')} />
        <StatCard id="homework-submitted" label={t('metric.homeworkSubmitted')} value={totals.homeworkSubmitted.value} previous={totals.homeworkSubmitted.previous} format="int" definition={t('def.homeworkSubmitted')} />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel id="course-activity" title={t('chart.activity')} rows={data.daily} columns={[day, { key: 'activeStudents', label: t('metric.activeStudents'), format: 'int' }, { key: 'enrollments', label: t('metric.enrollments'), format: 'int' }]} spec={{ kind: 'line', series: ['activeStudents', 'enrollments'] }} />
        <ChartPanel id="course-completions" title={t('chart.completions')} rows={data.daily} columns={[day, { key: 'lessonCompletions', label: t('metric.lessonCompletions'), format: 'int' }, { key: 'courseCompletions', label: t('metric.courseCompletions'), format: 'int' }]} spec={{ kind: 'bar', series: ['lessonCompletions', 'courseCompletions'] }} />
        <ChartPanel id="course-watch-hours" title={t('chart.watchHours')} rows={data.daily} columns={[day, { key: 'watchHours', label: t('metric.watchHours'), format: 'hours' }]} spec={{ kind: 'line', series: ['watchHours'] }} />
        <ChartPanel id="course-assessments" title={t('chart.assessments')} rows={data.daily} columns={[day, { key: 'quizAttempts', label: t('metric.quizAttempts'), format: 'int' }, { key: 'homeworkSubmitted', label: t('metric.homeworkSubmitted'), format: 'int' }]} spec={{ kind: 'bar', series: ['quizAttempts', 'homeworkSubmitted'] }} />
      </div>

      <div className="mt-6 space-y-4">
        <ChartPanel id="funnel" title={t('course.funnel')} description={t('course.funnelHelp', { count: data.enrolledStudents })} rows={funnelRows} columns={[{ key: 'step', label: t('col.step'), format: 'text' }, { key: 'students', label: t('col.students'), format: 'int' }]} spec={{ kind: 'funnel', series: 'students' }} />
        <ChartPanel
          id="cohorts"
          title={t('course.cohorts')}
          description={t('course.cohortsHelp')}
          rows={data.cohorts}
          columns={[
            { key: 'cohort', label: t('col.cohort'), format: 'month' },
            { key: 'startedRate', label: t('col.startedRate'), format: 'pct' },
            { key: 'completionRate', label: t('col.completionRate'), format: 'pct' },
            { key: 'avgProgress', label: t('col.avgProgress'), format: 'pct' },
            { key: 'enrolled', label: t('col.enrolled'), format: 'int' },
            { key: 'started', label: t('col.started'), format: 'int' },
            { key: 'completed', label: t('col.completed'), format: 'int' },
          ]}
          spec={{ kind: 'bar', series: ['startedRate', 'completionRate', 'avgProgress'] }}
        />
        <ChartPanel
          id="lessons"
          title={t('course.lessons')}
          description={t('course.lessonsHelp')}
          rows={data.lessons.map((l) => ({ ...l, type: t(`lessonType.${l.type}` as 'lessonType.video') }))}
          columns={[
            { key: 'title', label: t('col.lesson'), format: 'text' },
            { key: 'type', label: t('col.type'), format: 'text' },
            { key: 'started', label: t('col.started'), format: 'int' },
            { key: 'completed', label: t('col.completed'), format: 'int' },
            { key: 'completionRate', label: t('col.completionRate'), format: 'pct' },
            { key: 'dropOff', label: t('col.dropOff'), format: 'pct' },
            { key: 'avgCoverage', label: t('col.avgCoverage'), format: 'pct' },
          ]}
          emptyText={t('course.noLessons')}
        />
        {videoLessons.length > 0 && (
          <IntentNav aria-labelledby="video-links-h" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <h2 id="video-links-h" className="mb-2 text-base font-semibold">
              {t('course.videos')}
            </h2>
            <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {videoLessons.map((l) => (
                <li key={l.lessonId}>
                  <a href={`/courses/${courseId}/analytics/videos/${l.videoId}?${rangeQs}`} className="text-brand-600 underline dark:text-indigo-300">
                    {l.title}
                  </a>
                </li>
              ))}
            </ul>
          </IntentNav>
        )}
        {data.quizzes.length > 0 && (
          <div className="grid gap-4 lg:grid-cols-2">
            <ChartPanel
              id="quizzes"
              title={t('course.quizzes')}
              description={t('course.quizzesHelp')}
              rows={data.quizzes}
              columns={[
                { key: 'title', label: t('col.quiz'), format: 'text' },
                { key: 'passRate', label: t('col.passRate'), format: 'pct' },
                { key: 'attempts', label: t('col.attempts'), format: 'int' },
                { key: 'students', label: t('col.students'), format: 'int' },
                { key: 'passedStudents', label: t('col.passedStudents'), format: 'int' },
                { key: 'avgPercent', label: t('col.avgPercent'), format: 'dec' },
              ]}
              spec={{ kind: 'bar', series: ['passRate'] }}
            />
            <ChartPanel
              id="hardest-questions"
              title={t('course.hardest')}
              description={t('course.hardestHelp')}
              rows={data.hardestQuestions}
              columns={[
                { key: 'prompt', label: t('col.question'), format: 'text' },
                { key: 'lessonTitle', label: t('col.quiz'), format: 'text' },
                { key: 'avgScore', label: t('col.avgScore'), format: 'pct' },
                { key: 'correctRate', label: t('col.correctRate'), format: 'pct' },
                { key: 'answered', label: t('col.answered'), format: 'int' },
              ]}
            />
          </div>
        )}
      </div>

      <h2 className="mt-8 mb-3 text-lg font-semibold">{t('course.homework')}</h2>
      <StatGrid label={t('course.homework')}>
        <StatCard id="review-median" label={t('metric.reviewMedian')} value={data.homework.medianSeconds} format="seconds" definition={t('def.reviewTime')} />
        <StatCard id="review-p90" label={t('metric.reviewP90')} value={data.homework.p90Seconds} format="seconds" definition={t('def.reviewTime')} />
        <StatCard id="homework-reviewed" label={t('metric.homeworkReviewed')} value={data.homework.reviewed} format="int" definition={t('def.homeworkReviewed', { submissions: data.homework.submissions })} />
        <StatCard id="homework-waiting" label={t('metric.homeworkWaiting')} value={data.homework.waiting} format="int" definition={t('def.homeworkWaiting')} />
      </StatGrid>

      <StudentTable courseId={courseId} data={students} input={input} keep={keep} />
    </>
  );
}
