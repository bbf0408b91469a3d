import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { adminLinkCls } from '@/components/admin/filter-note';
import { LazyModerationCharts } from '@/components/moderation/lazy-moderation-charts';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { FilterInput } from '@/components/ui/filters';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
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
      <LazyModerationCharts stats={stats} />
    </>
  );
}
