import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { adminLinkCls } from '@/components/admin/filter-note';
import { ChartPanel } from '@/components/analytics/chart-panel';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { FilterInput } from '@/components/ui/filters';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
import { reportReasons } from '@/lib/moderation/constants';
import { statsRangeSchema } from '@/lib/moderation/schemas';
import { getModerationStats, resolveRange } from '@/lib/moderation/stats';

const BASE = '/moderation/stats';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('moderation'))('stats.title') };
}

export default async function ModerationStatsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageRole(['moderator', 'admin']);
  const range = resolveRange(statsRangeSchema.parse(await searchParams));
  const [t, stats] = await Promise.all([getTranslations('moderation'), getModerationStats(range)]);
  const presets = [
    ['7d', 'last7'],
    ['30d', 'last30'],
    ['90d', 'last90'],
  ] as const;
  const csv = `/api/moderation/stats?${new URLSearchParams({ range: range.range, from: range.from, to: range.to })}`;
  return (
    <>
      <PageHeader
        title={t('stats.title')}
        crumbs={[{ label: t('title'), href: '/moderation' }, { label: t('stats.title') }]}
        actions={
          <a href={csv} download className={`${adminLinkCls} text-sm`}>
            {t('stats.exportCsv')}
          </a>
        }
      />
      <nav aria-label={t('stats.range')} className="mb-3 flex flex-wrap gap-2 text-sm">
        {presets.map(([value, label]) => (
          <Link
            key={value}
            href={`${BASE}?range=${value}`}
            aria-current={range.range === value ? 'page' : undefined}
            className={cn('rounded-md border px-3 py-1', range.range === value ? 'border-brand-600 bg-indigo-50 font-medium dark:bg-indigo-950' : 'border-slate-300 dark:border-slate-700')}
          >
            {t(`stats.${label}`)}
          </Link>
        ))}
      </nav>
      <form method="get" action={BASE} className="mb-6 flex flex-wrap items-end gap-3" aria-label={t('stats.custom')}>
        <input type="hidden" name="range" value="custom" />
        <FilterInput id="from" name="from" type="date" label={t('stats.from')} defaultValue={range.from} />
        <FilterInput id="to" name="to" type="date" label={t('stats.to')} defaultValue={range.to} />
        <Button type="submit" variant="secondary">
          {t('stats.show')}
        </Button>
      </form>
      <p className="mb-4 text-sm" data-testid="stats-range">
        {range.from} – {range.to}
      </p>
      {/* The analytics dashboards' ChartPanel: lazy Recharts drawn in view, "show as table", CSV of each chart. */}
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel
          id="reports-by-day"
          title={t('stats.reportsByDay')}
          rows={stats.reportsByDay.map((d) => ({ ...Object.fromEntries(reportReasons.map((r) => [r, d[r] ?? 0])), day: d.day }))}
          columns={[{ key: 'day', label: t('stats.day'), format: 'day' }, ...reportReasons.map((r) => ({ key: r, label: t(`reasons.${r}`), format: 'int' as const }))]}
          spec={{ kind: 'bar', series: [...reportReasons], stacked: true }}
          emptyText={t('stats.noData')}
        />
        <ChartPanel
          id="backlog"
          title={t('stats.backlog')}
          rows={stats.backlog}
          columns={[
            { key: 'day', label: t('stats.day'), format: 'day' },
            { key: 'open', label: t('stats.open'), format: 'int' },
          ]}
          spec={{ kind: 'line', series: ['open'] }}
          emptyText={t('stats.noData')}
        />
        <ChartPanel
          id="timings"
          title={t('stats.timings')}
          rows={stats.timings.map((x) => ({ metric: t(`stats.${x.metric}`), median: x.medianHours, p90: x.p90Hours, cases: x.cases }))}
          columns={[
            { key: 'metric', label: t('stats.metric'), format: 'text' },
            { key: 'median', label: t('stats.median'), format: 'dec' },
            { key: 'p90', label: t('stats.p90'), format: 'dec' },
            { key: 'cases', label: t('stats.cases'), format: 'int' },
          ]}
          spec={{ kind: 'bar', series: ['median', 'p90'] }}
          emptyText={t('stats.noData')}
        />
        <ChartPanel
          id="actions"
          title={t('stats.actionsByType')}
          rows={stats.actionsByType.map((a) => ({ action: t(`actions.${a.type}`), count: a.count }))}
          columns={[
            { key: 'action', label: t('case.action'), format: 'text' },
            { key: 'count', label: t('stats.count'), format: 'int' },
          ]}
          spec={{ kind: 'bar', series: ['count'] }}
          emptyText={t('stats.noData')}
        />
        <ChartPanel
          id="throughput"
          title={t('stats.throughput')}
          rows={stats.throughput}
          columns={[
            { key: 'moderator', label: t('stats.moderator'), format: 'text' },
            { key: 'actions', label: t('stats.count'), format: 'int' },
          ]}
          spec={{ kind: 'funnel', series: 'actions' }}
          emptyText={t('stats.noData')}
        />
        <ChartPanel
          id="top-courses"
          title={t('stats.topCourses')}
          rows={stats.topCourses.map((c) => ({ title: c.title, reports: c.reports }))}
          columns={[
            { key: 'title', label: t('queue.course'), format: 'text' },
            { key: 'reports', label: t('stats.count'), format: 'int' },
          ]}
          spec={{ kind: 'funnel', series: 'reports' }}
          emptyText={t('stats.noData')}
        />
      </div>
    </>
  );
}
