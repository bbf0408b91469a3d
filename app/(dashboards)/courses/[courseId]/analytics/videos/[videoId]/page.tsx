import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { RangePicker, rangeParams } from '@/components/analytics/range-picker';
import { StatCard, StatGrid } from '@/components/analytics/stat-card';
import { ChartPanel } from '@/components/analytics/chart-panel';
import { clock, formatValue, INTRO_SECONDS } from '@/components/analytics/format';
import { packRows } from '@/components/analytics/packed-rows';
import { VideoAnalyticsView, type ZoneListDto } from '@/components/analytics/video-analytics-view';
import { CourseNav } from '@/components/courses/course-nav';
import { PageHeader } from '@/components/ui/page-header';
import type { Zone } from '@/lib/analytics/dto';
import { getVideoAnalytics } from '@/lib/analytics/video-queries';
import { lastRollupAt } from '@/lib/analytics/rollup';
import { requirePageRole } from '@/lib/auth/permissions';

type Props = { params: Promise<{ courseId: string; videoId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('analytics'))('video.title') };
}

export default async function VideoAnalyticsPage({ params, searchParams }: Props) {
  const user = await requirePageRole(['author', 'admin']);
  const { courseId, videoId } = await params;
  const raw = await searchParams;
  // getVideoAnalytics checks access to the video's course; the URL's course must be that course too.
  const data = await getVideoAnalytics(user, videoId, rangeParams(raw));
  if (!data || data.video.courseId !== courseId) notFound();
  const [t, format] = await Promise.all([getTranslations('analytics'), getFormatter()]);
  const s = data.summary;
  const item = (z: Zone, value: string) => ({ from: z.from, label: z.from === z.to ? t('video.playAt', { at: clock(z.from) }) : t('video.playRange', { from: clock(z.from), to: clock(z.to) }), value });
  const pct = (v: number) => formatValue(format, 'pct', v);
  const zoneLists: ZoneListDto[] = [
    { id: 'drop-offs', title: t('video.dropOffs'), items: data.dropOffs.map((z) => item(z, pct(z.value))) },
    { id: 'hotspots', title: t('video.hotspots'), items: data.hotspots.map((z) => item(z, t('video.ratio', { value: format.number(z.value, { maximumFractionDigits: 2 }) }))) },
    { id: 'skip-zones', title: t('video.skipZones'), items: data.skipZones.map((z) => item(z, pct(z.value))) },
    { id: 'exit-points', title: t('video.exitPoints'), items: data.exitPoints.slice(0, 10).map((e) => item({ from: e.t, to: e.t, value: e.views }, t('video.views', { count: e.views }))) },
  ];
  const tRaw = Number(Array.isArray(raw.t) ? raw.t[0] : raw.t);
  const initialT = Number.isFinite(tRaw) && tRaw >= 0 && tRaw < data.video.durationSeconds ? Math.floor(tRaw) : null;
  return (
    <>
      <PageHeader
        title={t('video.titleOf', { title: data.video.title })}
        crumbs={[{ label: t('course.courses'), href: '/courses' }, { label: data.video.courseTitle, href: `/courses/${courseId}/analytics` }, { label: data.video.title }]}
      />
      <CourseNav courseId={courseId} />
      <RangePicker basePath={`/courses/${courseId}/analytics/videos/${videoId}`} data={data} raw={raw} updatedAt={await lastRollupAt()} />
      {s.viewStarts === 0 && (
        <p className="mb-6 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300" data-testid="video-empty">
          {t('video.empty')}
        </p>
      )}
      <StatGrid label={t('video.audience')}>
        <StatCard id="views" label={t('metric.views')} value={s.views} previous={s.previous.views} format="int" definition={t('def.views')} />
        <StatCard id="unique-viewers" label={t('metric.uniqueViewers')} value={s.uniqueViewers} previous={s.previous.uniqueViewers} format="int" definition={t('def.uniqueViewers')} />
        <StatCard id="qualified-views" label={t('metric.qualifiedViews')} value={s.qualifiedViews} format="int" definition={t('def.qualifiedViews')} />
        <StatCard id="view-starts" label={t('metric.viewStarts')} value={s.viewStarts} format="int" definition={t('def.viewStarts')} />
        <StatCard id="watch-time" label={t('metric.watchTime')} value={s.watchSeconds} previous={s.previous.watchSeconds} format="seconds" definition={t('def.watchTime')} />
        <StatCard id="unique-watch-time" label={t('metric.uniqueWatchTime')} value={s.uniqueWatchSeconds} format="seconds" definition={t('def.uniqueWatchTime')} />
        <StatCard id="avg-view" label={t('metric.avgViewDuration')} value={s.avgViewSeconds} format="seconds" definition={t('def.avgViewDuration')} />
        <StatCard id="avg-watched" label={t('metric.avgWatched')} value={s.avgWatchedShare} previous={s.previous.avgWatchedShare} format="pct" definition={t('def.avgWatched')} />
        <StatCard id="completion" label={t('metric.completionRate')} value={s.completionRate} previous={s.previous.completionRate} format="pct" definition={t('def.completionRate')} />
        <StatCard id="reached-end" label={t('metric.reachedEndRate')} value={s.reachedEndRate} format="pct" definition={t('def.reachedEndRate')} />
        <StatCard id="intro-retention" label={t('metric.introRetention', { intro: INTRO_SECONDS })} value={s.introRetention} format="pct" definition={t('def.introRetention', { intro: INTRO_SECONDS })} />
        <StatCard id="peak-concurrent" label={t('metric.peakConcurrent')} value={s.peakConcurrentViewers} format="int" definition={t('def.peakConcurrent')} />
      </StatGrid>
      <h2 className="mb-3 text-lg font-semibold">{t('video.quality')}</h2>
      <StatGrid label={t('video.quality')}>
        <StatCard id="startup-p50" label={t('metric.startupP50')} value={s.startupP50Ms} format="ms" definition={t('def.startup')} />
        <StatCard id="startup-p95" label={t('metric.startupP95')} value={s.startupP95Ms} format="ms" definition={t('def.startup')} />
        <StatCard id="failure-rate" label={t('metric.failureRate')} value={s.failureRate} format="pct" definition={t('def.failureRate')} />
        <StatCard id="rebuffer" label={t('metric.rebuffer')} value={s.rebufferShare} format="pct" definition={t('def.rebuffer')} />
        <StatCard id="exits-before-start" label={t('metric.exitsBeforeStart')} value={s.exitsBeforeStartRate} format="pct" definition={t('def.exitsBeforeStart')} />
      </StatGrid>
      <VideoAnalyticsView
        data={{
          video: data.video,
          // Shares to 0.001 % and whole counts: finer than any chart, table or CSV shows them.
          retention: packRows(data.retention, { t: 0, retention: 5, dropOff: 5 }),
          plays: packRows(data.plays, { t: 0, plays: 0, viewers: 0 }),
          hotspots: data.hotspots,
          skipZones: data.skipZones,
          dropOffs: data.dropOffs,
          daily: data.daily,
          breakdown: data.breakdown,
        }}
        zoneLists={zoneLists}
        initialT={initialT}
      />
      <div className="mt-4">
        <ChartPanel
          id="cohorts"
          title={t('video.cohorts')}
          description={t('video.cohortsHelp')}
          rows={data.cohorts.map((c) => ({ ...c, cohort: c.cohort ?? t('video.notEnrolled') }))}
          columns={[
            { key: 'cohort', label: t('col.cohort'), format: 'month' },
            { key: 'avgWatchedShare', label: t('col.avgWatched'), format: 'pct' },
            { key: 'completionRate', label: t('col.completionRate'), format: 'pct' },
            { key: 'views', label: t('metric.views'), format: 'int' },
            { key: 'uniqueViewers', label: t('col.uniqueViewers'), format: 'int' },
            { key: 'watchSeconds', label: t('col.watchTime'), format: 'seconds' },
          ]}
          spec={{ kind: 'bar', series: ['avgWatchedShare', 'completionRate'] }}
        />
      </div>
    </>
  );
}
