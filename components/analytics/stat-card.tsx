import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { formatValue, type ValueFormat } from './format';

/** A row of figure cards. */
export function StatGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section aria-label={label} className="mb-6">
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">{children}</ul>
    </section>
  );
}

/**
 * One figure with its definition (video.md §6) in a <details> right under it, and the change
 * against the previous period when `previous` is given.
 */
export async function StatCard({ id, label, value, previous, format: kind, definition }: { id: string; label: string; value: number | null; previous?: number | null; format: ValueFormat; definition: string }) {
  const [t, format] = await Promise.all([getTranslations('analytics.stat'), getFormatter()]);
  let change: ReactNode = null;
  if (previous !== undefined) {
    const delta = value !== null && previous !== null && previous !== 0 ? (value - previous) / Math.abs(previous) : null;
    change = (
      <p className="text-xs text-slate-700 dark:text-slate-300" data-testid={`stat-${id}-previous`}>
        {t('previous', { value: formatValue(format, kind, previous) })}
        {delta !== null && (
          <span className={delta >= 0 ? 'ml-1 text-emerald-800 dark:text-emerald-300' : 'ml-1 text-red-800 dark:text-red-300'}>
            ({delta >= 0 ? '▲' : '▼'} {format.number(Math.abs(delta), { style: 'percent', maximumFractionDigits: 0 })}
            <span className="sr-only"> {delta >= 0 ? t('up') : t('down')}</span>)
          </span>
        )}
      </p>
    );
  }
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <p className="text-sm text-slate-700 dark:text-slate-300" id={`stat-${id}-label`}>
        {label}
      </p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`stat-${id}`} aria-describedby={`stat-${id}-label`}>
        {formatValue(format, kind, value)}
      </p>
      {change}
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-brand-600 underline dark:text-indigo-300">
          {t('definition')}
          <span className="sr-only">: {label}</span>
        </summary>
        <p className="mt-1 text-slate-700 dark:text-slate-300" data-testid={`stat-${id}-definition`}>
          {definition}
        </p>
      </details>
    </li>
  );
}
