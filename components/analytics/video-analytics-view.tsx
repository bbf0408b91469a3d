'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { VideoAnalyticsDto } from '@/lib/analytics/dto';
import { ChartPanel } from './chart-panel';
import { clock, INTRO_SECONDS } from './format';
import type { PackedRows } from './packed-rows';

const PreviewPlayer = dynamic(() => import('@/components/videos/preview-player').then((m) => m.PreviewPlayer), {
  ssr: false,
  loading: () => <div className="aspect-video w-full animate-pulse rounded-md bg-slate-200 dark:bg-slate-800" aria-hidden="true" />,
});

/**
 * A list of moments to play (drop-offs, hotspots, skip zones, exit points) with its labels already
 * formatted by the server page: each Intl formatter a component builds in the browser costs a phone
 * tens of ms of main thread during hydration, and these lists are visible at load.
 */
export type ZoneListDto = { id: string; title: string; items: { from: number; label: string; value: string }[] };

type Props = {
  data: Pick<VideoAnalyticsDto, 'video' | 'hotspots' | 'skipZones' | 'dropOffs' | 'daily' | 'breakdown'> & { retention: PackedRows; plays: PackedRows };
  zoneLists: ZoneListDto[];
  initialT: number | null;
};

/**
 * The per-second charts of one video and the staff preview player: clicking a point of R(t) or P(t),
 * or a listed zone, opens the player at that second (no view is recorded: the preview passes no lesson).
 */
export function VideoAnalyticsView({ data, zoneLists, initialT }: Props) {
  const t = useTranslations('analytics');
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
  const zoneList = ({ id, title, items }: ZoneListDto) => (
    <section key={id} aria-labelledby={`${id}-h`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid={id}>
      <h3 id={`${id}-h`} className="mb-2 text-sm font-semibold">
        {title}
      </h3>
      {items.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('video.noZones')}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {items.map((z) => (
            <li key={`${z.from}-${z.label}`} className="flex items-center justify-between gap-2">
              <button type="button" className="text-brand-600 underline dark:text-indigo-300" onClick={() => open(z.from)}>
                {z.label}
              </button>
              <span className="tabular-nums">{z.value}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
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
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">{zoneLists.map(zoneList)}
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
