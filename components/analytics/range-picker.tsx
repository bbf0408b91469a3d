import { getFormatter, getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { describedBy, Field, Input } from '@/components/ui/field';
import type { RangeDto } from '@/lib/analytics/dto';
import { MAX_RANGE_DAYS, rangePresets, rangeSchema } from '@/lib/analytics/schemas';
import { dayDate } from './format';
import { IntentNav } from '@/components/ui/intent-nav';

type Raw = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The range part of a page's search params, as rangeSchema / resolveRange take it (empty inputs are absent). */
export function rangeParams(raw: Raw) {
  return { preset: one(raw.preset) || undefined, from: one(raw.from) || undefined, to: one(raw.to) || undefined };
}

/** Field errors of the range in the URL, as message keys of `analytics.range.errors`. */
export function rangeErrors(raw: Raw): { from?: string; to?: string } {
  const parsed = rangeSchema.safeParse(rangeParams(raw));
  if (parsed.success) return {};
  const out: { from?: string; to?: string } = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field !== 'from' && field !== 'to') continue;
    out[field] ??= issue.code !== 'custom' ? 'invalid' : /both/i.test(issue.message) ? 'both' : /before/i.test(issue.message) ? 'order' : /at most/i.test(issue.message) ? 'tooLong' : 'invalid';
  }
  return out;
}

/**
 * Preset links and a custom from–to form (a plain GET, works without JavaScript), with field errors
 * next to the inputs. The dashboards read the same search params through rangeSchema.
 */
export async function RangePicker({ basePath, data, raw, updatedAt }: { basePath: string; data: RangeDto; raw: Raw; updatedAt: string | null }) {
  const [t, format] = await Promise.all([getTranslations('analytics.range'), getFormatter()]);
  const errors = rangeErrors(raw);
  const fromValue = one(raw.from) ?? data.range.from;
  const toValue = one(raw.to) ?? data.range.to;
  const day = (d: string) => format.dateTime(dayDate(d), { timeZone: 'UTC', dateStyle: 'medium' });
  const err = (k?: string) => (k ? [t(`errors.${k}` as 'errors.invalid', { max: MAX_RANGE_DAYS })] : undefined);
  return (
    <section aria-label={t('label')} className="mb-6 space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <IntentNav aria-label={t('presets')}>
          <ul className="flex flex-wrap gap-1">
            {rangePresets.map((p) => (
              <li key={p}>
                <a
                  href={`${basePath}?preset=${p}`}
                  aria-current={data.preset === p ? 'true' : undefined}
                  className={cn(
                    'inline-block rounded-md border px-3 py-1.5 text-sm',
                    data.preset === p ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800',
                  )}
                >
                  {t(`preset.${p}`)}
                </a>
              </li>
            ))}
          </ul>
        </IntentNav>
        <form method="get" action={basePath} className="flex flex-wrap items-start gap-3" noValidate>
          <Field id="range-from" label={t('from')} errors={err(errors.from)}>
            <Input id="range-from" name="from" type="date" defaultValue={fromValue} invalid={Boolean(errors.from)} aria-describedby={describedBy('range-from', err(errors.from))} className="w-auto" />
          </Field>
          <Field id="range-to" label={t('to')} errors={err(errors.to)}>
            <Input id="range-to" name="to" type="date" defaultValue={toValue} invalid={Boolean(errors.to)} aria-describedby={describedBy('range-to', err(errors.to))} className="w-auto" />
          </Field>
          <Button type="submit" variant="secondary" className="mt-6">
            {t('apply')}
          </Button>
        </form>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="range-summary">
        {t('summary', { from: day(data.range.from), to: day(data.range.to), prevFrom: day(data.previous.from), prevTo: day(data.previous.to), timeZone: data.timeZone })}{' '}
        {updatedAt ? t('updated', { at: format.dateTime(new Date(updatedAt), { dateStyle: 'medium', timeStyle: 'short', timeZone: data.timeZone }) }) : t('neverUpdated')}
      </p>
    </section>
  );
}
