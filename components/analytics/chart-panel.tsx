'use client';

import dynamic from 'next/dynamic';
import { useFormatter, useTranslations } from 'next-intl';
import { startTransition, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { Zone } from '@/lib/analytics/dto';
import { CsvButton } from './csv-button';
import { formatValue, type ValueFormat } from './format';
import { isPacked, unpackRows, type PackedRows } from './packed-rows';

export type ChartRow = Record<string, string | number | null>;
export type ChartColumn = { key: string; label: string; format: ValueFormat };

/** What to draw; the first column is the x axis. Serializable, so server pages can pass it. */
export type ChartSpec =
  | { kind: 'line'; series: string[] }
  | { kind: 'bar'; series: string[]; stacked?: boolean }
  /** Horizontal bars, one per row (the funnel). */
  | { kind: 'funnel'; series: string }
  /** R(t) with the intro marker and the largest drops shaded. */
  | { kind: 'retention'; introAt: number; dropOffs: Zone[] }
  /** P(t) against viewers(t), rewatch hotspots and skip zones shaded. */
  | { kind: 'plays'; hotspots: Zone[]; skipZones: Zone[] };

export type ChartProps = { spec: ChartSpec; rows: ChartRow[]; columns: ChartColumn[]; onPointClick?: (x: number) => void; labels: Record<string, string> };

function ChartSkeleton() {
  return <div className="h-64 animate-pulse rounded bg-slate-100 dark:bg-slate-800/60" aria-hidden="true" />;
}

// Recharts is the heaviest part of a dashboard: it loads after the page, in the browser only.
const Chart = dynamic<ChartProps>(() => import('./charts').then((m) => m.AnalyticsChart), { ssr: false, loading: ChartSkeleton });

/**
 * True once the element comes near the viewport. A dashboard has up to eight charts of ~1,000
 * points: drawing only those in view, each in a transition React may interrupt, keeps the page's
 * main thread free while it loads (no long tasks for charts below the fold).
 */
function useNearViewport() {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    if (typeof IntersectionObserver === 'undefined') {
      startTransition(() => setNear(true));
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          startTransition(() => setNear(true));
        }
      },
      { rootMargin: '200px 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [near]);
  return [ref, near] as const;
}

type Props = {
  /** Also the testid suffix and the CSV file name. */
  id: string;
  title: string;
  description?: ReactNode;
  columns: ChartColumn[];
  /** The rows, or for long series the same packed one string per column (packRows, on the server). */
  rows: ChartRow[] | PackedRows;
  /** Without a spec the panel is a table with a CSV export. */
  spec?: ChartSpec;
  onPointClick?: (x: number) => void;
  /** Rows shown in the table view at most (the CSV has all). */
  tableLimit?: number;
  emptyText?: string;
};

/**
 * A titled chart with the accessible twin of its data: "Show as table" renders the same rows as a
 * <table>, and "Download CSV" saves them. The chart itself is lazy (next/dynamic, no SSR).
 */
export function ChartPanel({ id, title, description, columns, rows: given, spec, onPointClick, tableLimit = 1000, emptyText }: Props) {
  const rows = useMemo(() => (isPacked(given) ? unpackRows(given) : given), [given]);
  const t = useTranslations('analytics.chart');
  const format = useFormatter();
  const [asTable, setAsTable] = useState(!spec);
  const [chartRef, nearViewport] = useNearViewport();
  const headingId = useId();
  const seriesKeys = columns.slice(1).map((c) => c.key);
  const isEmpty = rows.length === 0 || rows.every((r) => seriesKeys.every((k) => !r[k]));


  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`chart-${id}`}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-base font-semibold">
            {title}
          </h2>
          {description && <div className="mt-0.5 text-sm text-slate-700 dark:text-slate-300">{description}</div>}
        </div>
        {!isEmpty && (
          <div className="flex gap-2">
            {spec && (
              <Button size="sm" variant="secondary" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
                {asTable ? t('showChart') : t('showTable')}
              </Button>
            )}
            <CsvButton
              fileId={id}
              title={title}
              header={columns.map((c) => c.label)}
              rows={rows.map((r) => columns.map((c) => r[c.key] ?? null))}
            />
          </div>
        )}
      </div>
      {isEmpty ? (
        <p className="py-8 text-center text-sm text-slate-700 dark:text-slate-300">{emptyText ?? t('empty')}</p>
      ) : asTable || !spec ? (
        // Focusable, so keyboard users can scroll a long table (axe: scrollable-region-focusable).
        <div className="max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800" tabIndex={0} role="region" aria-label={t('tableOf', { title })}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-slate-50 dark:bg-slate-950">
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="px-3 py-1.5 font-medium">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, tableLimit).map((r, i) => (
                <tr key={i} className="border-t border-slate-100 dark:border-slate-800">
                  {columns.map((c, j) =>
                    j === 0 ? (
                      <th key={c.key} scope="row" className="px-3 py-1 font-normal">
                        {formatValue(format, c.format, r[c.key])}
                      </th>
                    ) : (
                      <td key={c.key} className="px-3 py-1 tabular-nums">
                        {formatValue(format, c.format, r[c.key])}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > tableLimit && <p className="p-2 text-xs text-slate-700 dark:text-slate-300">{t('truncated', { shown: tableLimit, total: rows.length })}</p>}
        </div>
      ) : (
        <div ref={chartRef}>
          {nearViewport ? (
            <Chart spec={spec} rows={rows} columns={columns} onPointClick={onPointClick} labels={{ intro: t('intro'), hotspot: t('hotspot'), skip: t('skip'), drop: t('drop') }} />
          ) : (
            <ChartSkeleton />
          )}
        </div>
      )}
    </section>
  );
}
