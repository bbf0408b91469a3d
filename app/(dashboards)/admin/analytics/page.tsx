import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ChartPanel } from '@/components/analytics/chart-panel';
import { CsvButton } from '@/components/analytics/csv-button';
import { formatValue } from '@/components/analytics/format';
import { RangePicker, rangeParams } from '@/components/analytics/range-picker';
import { StatCard, StatGrid } from '@/components/analytics/stat-card';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import { IntentNav } from '@/components/ui/intent-nav';
import { PageHeader } from '@/components/ui/page-header';
import { getPlatformOverview } from '@/lib/analytics/platform-queries';
import { lastRollupAt } from '@/lib/analytics/rollup';
import { requirePageRole } from '@/lib/auth/permissions';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('analytics'))('platform.title') };
}

export default async function PlatformAnalyticsPage({ searchParams }: Props) {
  const user = await requirePageRole(['admin']);
  const raw = await searchParams;
  const data = await getPlatformOverview(user, rangeParams(raw));
  if (!data) notFound();
  const [t, format] = await Promise.all([getTranslations('analytics'), getFormatter()]);
  const { totals } = data;
  const rows = data.daily;
  const day = { key: 'day', label: t('col.day'), format: 'day' as const };
  return (
    <>
      <PageHeader title={t('platform.title')} />
      <RangePicker basePath="/admin/analytics" data={data} raw={raw} updatedAt={await lastRollupAt()} />
      <StatGrid label={t('platform.figures')}>
        <StatCard id="active" label={t('metric.avgActiveStudents')} value={totals.avgActiveStudents.value} previous={totals.avgActiveStudents.previous} format="dec" definition={t('def.avgActiveStudents')} />
        <StatCard id="new-users" label={t('metric.newUsers')} value={totals.newUsers.value} previous={totals.newUsers.previous} format="int" definition={t('def.newUsers')} />
        <StatCard id="enrollments" label={t('metric.enrollments')} value={totals.enrollments.value} previous={totals.enrollments.previous} format="int" definition={t('def.enrollments')} />
        <StatCard id="watch-hours" label={t('metric.watchHours')} value={totals.watchHours.value} previous={totals.watchHours.previous} format="hours" definition={t('def.watchHours')} />
        <StatCard id="lesson-completions" label={t('metric.lessonCompletions')} value={totals.lessonCompletions.value} previous={totals.lessonCompletions.previous} format="int" definition={t('def.lessonCompletions')} />
        <StatCard id="course-completions" label={t('metric.courseCompletions')} value={totals.courseCompletions.value} previous={totals.courseCompletions.previous} format="int" definition={t('def.courseCompletions')} />
        <StatCard id="uploads" label={t('metric.uploads')} value={totals.uploads.value} previous={totals.uploads.previous} format="int" definition={t('def.uploads')} />
        <StatCard id="storage" label={t('metric.storage')} value={data.storage.sourceBytes + data.storage.assetsBytes} format="bytes" definition={t('def.storage', { videos: data.storage.videos, ready: data.storage.readyVideos, source: formatValue(format, 'bytes', data.storage.sourceBytes), assets: formatValue(format, 'bytes', data.storage.assetsBytes) })} />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel id="active-students" title={t('chart.activeStudents')} rows={rows} columns={[day, { key: 'activeStudents', label: t('metric.activeStudents'), format: 'int' }]} spec={{ kind: 'line', series: ['activeStudents'] }} />
        <ChartPanel id="enrollments" title={t('chart.enrollments')} rows={rows} columns={[day, { key: 'enrollments', label: t('metric.enrollments'), format: 'int' }, { key: 'newUsers', label: t('metric.newUsers'), format: 'int' }]} spec={{ kind: 'bar', series: ['enrollments', 'newUsers'] }} />
        <ChartPanel id="watch-hours" title={t('chart.watchHours')} rows={rows} columns={[day, { key: 'watchHours', label: t('metric.watchHours'), format: 'hours' }]} spec={{ kind: 'line', series: ['watchHours'] }} />
        <ChartPanel id="completions" title={t('chart.completions')} rows={rows} columns={[day, { key: 'lessonCompletions', label: t('metric.lessonCompletions'), format: 'int' }, { key: 'courseCompletions', label: t('metric.courseCompletions'), format: 'int' }]} spec={{ kind: 'bar', series: ['lessonCompletions', 'courseCompletions'] }} />
        <ChartPanel id="uploads" title={t('chart.uploads')} rows={rows} columns={[day, { key: 'uploads', label: t('metric.uploads'), format: 'int' }]} spec={{ kind: 'bar', series: ['uploads'] }} />
      </div>

      <TopTable
        id="top-courses"
        title={t('platform.topCourses')}
        header={[t('col.course'), t('metric.enrollments'), t('metric.lessonCompletions'), t('metric.watchHours')]}
        csvRows={data.topCourses.map((c) => [c.title, c.enrollments, c.lessonCompletions, c.watchHours])}
        empty={t('chart.empty')}
      >
        {data.topCourses.map((c) => (
          <Row key={c.courseId} data-testid={`top-course-${c.courseId}`}>
            <Cell>
              <a href={`/courses/${c.courseId}/analytics?from=${data.range.from}&to=${data.range.to}`} className="text-brand-600 underline dark:text-indigo-300">
                {c.title}
              </a>
            </Cell>
            <Cell className="tabular-nums">{formatValue(format, 'int', c.enrollments)}</Cell>
            <Cell className="tabular-nums">{formatValue(format, 'int', c.lessonCompletions)}</Cell>
            <Cell className="tabular-nums">{formatValue(format, 'hours', c.watchHours)}</Cell>
          </Row>
        ))}
      </TopTable>
      <TopTable
        id="top-lessons"
        title={t('platform.topLessons')}
        header={[t('col.lesson'), t('col.course'), t('metric.views'), t('metric.watchHours')]}
        csvRows={data.topLessons.map((l) => [l.title, l.courseTitle, l.views, l.watchHours])}
        empty={t('chart.empty')}
      >
        {data.topLessons.map((l) => (
          <Row key={`${l.lessonId}-${l.videoId}`} data-testid={`top-lesson-${l.lessonId}`}>
            <Cell>
              <a href={`/courses/${l.courseId}/analytics/videos/${l.videoId}?from=${data.range.from}&to=${data.range.to}`} className="text-brand-600 underline dark:text-indigo-300">
                {l.title}
              </a>
            </Cell>
            <Cell>{l.courseTitle}</Cell>
            <Cell className="tabular-nums">{formatValue(format, 'int', l.views)}</Cell>
            <Cell className="tabular-nums">{formatValue(format, 'hours', l.watchHours)}</Cell>
          </Row>
        ))}
      </TopTable>
    </>
  );
}

/** A ranked table with links in its rows, and the same rows (raw values) as a CSV. */
function TopTable({ id, title, header, csvRows, empty, children }: { id: string; title: string; header: string[]; csvRows: (string | number)[][]; empty: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} className="mt-8">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-h`} className="text-lg font-semibold">
          {title}
        </h2>
        {csvRows.length > 0 && <CsvButton fileId={id} title={title} header={header} rows={csvRows} />}
      </div>
      {csvRows.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{empty}</p>
      ) : (
        <IntentNav as="div">
          <DataTable caption={title} columns={header}>
            {children}
          </DataTable>
        </IntentNav>
      )}
    </section>
  );
}
