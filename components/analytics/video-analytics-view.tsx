'use client';

import dynamic from 'next/dynamic';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { VideoAnalyticsDto, Zone } from '@/lib/analytics/dto';
import { ChartPanel } from './chart-panel';
import { clock, formatValue, INTRO_SECONDS } from './format';

const PreviewPlayer = dynamic(() => import('@/components/videos/preview-player').then((m) => m.PreviewPlayer), {
  ssr: false,
  loading: () => <div className="aspect-video w-full animate-pulse rounded-md bg-slate-200 dark:bg-slate-800" aria-hidden="true" />,
});

type Props = { data: Pick<VideoAnalyticsDto, 'video' | 'retention' | 'plays' | 'hotspots' | 'skipZones' | 'dropOffs' | 'exitPoints' | 'daily' | 'breakdown'>; initialT: number | null };

/**
 * The per-second charts of one video and the staff preview player: clicking a point of R(t) or P(t),
 * or a listed zone, opens the player at that second (no view is recorded: the preview passes no lesson).
 */
export function VideoAnalyticsView({ data, initialT }: Props) {
  const t = useTranslations('analytics');
  const format = useFormatter();
  const [at, setAt] = useState<number | null>(initialT);
  const playerRef = useRef<HTMLElement>(null);
  const open = (second: number) => {
    const s = Math.max(0, Math.min(Math.floor(second), Math.max(0, data.video.durationSeconds - 1)));
    setAt(s);
    const url = new URL(window.location.href);
    url.searchParams.set('t', String(s));
    window.history.replaceState(null, '', url);
    requestAnimationFrame(() => playerRef.current?.scrollIntoView({ block: 'nearest' }));
  };
  const zoneList = (id: string, title: string, zones: Zone[], value: (z: Zone) => string) => (
    <section aria-labelledby={`${id}-h`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid={id}>
      <h3 id={`${id}-h`} className="mb-2 text-sm font-semibold">
        {title}
      </h3>
      {zones.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('video.noZones')}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {zones.map((z) => (
            <li key={`${z.from}-${z.to}`} className="flex items-center justify-between gap-2">
              <button type="button" className="text-brand-600 underline dark:text-indigo-300" onClick={() => open(z.from)}>
                {z.from === z.to ? t('video.playAt', { at: clock(z.from) }) : t('video.playRange', { from: clock(z.from), to: clock(z.to) })}
              </button>
              <span className="tabular-nums">{value(z)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  const pct = (v: number) => formatValue(format, 'pct', v);
  return (
    <div className="space-y-4">
      <ChartPanel
        id="retention"
        title={t('video.retention')}
        description={t('video.retentionHelp', { intro: INTRO_SECONDS })}
        rows={data.retention}
        columns={[
          { key: 't', label: t('col.second'), format: 'clock' },
          { key: 'retention', label: t('metric.retention'), format: 'pct' },
          { key: 'dropOff', label: t('metric.dropOff'), format: 'pct' },
        ]}
        spec={{ kind: 'retention', introAt: INTRO_SECONDS, dropOffs: data.dropOffs }}
        onPointClick={open}
      />
      <ChartPanel
        id="plays"
        title={t('video.plays')}
        description={t('video.playsHelp')}
        rows={data.plays}
        columns={[
          { key: 't', label: t('col.second'), format: 'clock' },
          { key: 'plays', label: t('metric.plays'), format: 'int' },
          { key: 'viewers', label: t('metric.viewersAt'), format: 'int' },
        ]}
        spec={{ kind: 'plays', hotspots: data.hotspots, skipZones: data.skipZones }}
        onPointClick={open}
      />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {zoneList('drop-offs', t('video.dropOffs'), data.dropOffs, (z) => pct(z.value))}
        {zoneList('hotspots', t('video.hotspots'), data.hotspots, (z) => t('video.ratio', { value: format.number(z.value, { maximumFractionDigits: 2 }) }))}
        {zoneList('skip-zones', t('video.skipZones'), data.skipZones, (z) => pct(z.value))}
        {zoneList(
          'exit-points',
          t('video.exitPoints'),
          data.exitPoints.slice(0, 10).map((e) => ({ from: e.t, to: e.t, value: e.views })),
          (z) => t('video.views', { count: z.value }),
        )}
      </div>
      <section ref={playerRef} aria-labelledby="preview-h" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="preview-h" className="mb-2 text-base font-semibold">
          {at === null ? t('video.preview') : t('video.previewAt', { at: clock(at) })}
        </h2>
        {at === null ? <p className="text-sm text-slate-700 dark:text-slate-300">{t('video.previewHint')}</p> : <div className="max-w-2xl">
            <PreviewPlayer videoId={data.video.id} name={data.video.title} startAt={at} />
          </div>}
      </section>
      <ChartPanel
        id="views-over-time"
        title={t('video.viewsOverTime')}
        rows={data.daily.map((d) => ({ day: d.day, views: d.views, uniqueViewers: d.uniqueViewers, watchHours: d.watchSeconds / 3600 }))}
        columns={[
          { key: 'day', label: t('col.day'), format: 'day' },
          { key: 'views', label: t('metric.views'), format: 'int' },
          { key: 'uniqueViewers', label: t('metric.dailyViewers'), format: 'int' },
          { key: 'watchHours', label: t('metric.watchHours'), format: 'hours' },
        ]}
        spec={{ kind: 'line', series: ['views', 'uniqueViewers'] }}
      />
      <ChartPanel
        id="breakdown"
        title={t('video.breakdown')}
        rows={data.breakdown.map((b) => ({ ...b, client: `${b.device} · ${b.browser}` }))}
        columns={[
          { key: 'client', label: t('col.deviceBrowser'), format: 'text' },
          { key: 'views', label: t('metric.views'), format: 'int' },
          { key: 'watchSeconds', label: t('metric.watchTime'), format: 'seconds' },
          { key: 'failureRate', label: t('metric.failureRate'), format: 'pct' },
        ]}
        spec={{ kind: 'bar', series: ['views'] }}
      />
    </div>
  );
}
