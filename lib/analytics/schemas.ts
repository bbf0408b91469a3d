import { z } from 'zod';

// Date ranges of every dashboard: a preset or a custom inclusive [from, to] of analytics days.
export const rangePresets = ['7d', '28d', '90d', '365d'] as const;
export type RangePreset = (typeof rangePresets)[number];
export const MAX_RANGE_DAYS = 731;

const day = z.iso.date();

export const rangeSchema = z
  .object({
    preset: z.enum(rangePresets).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.from) !== Boolean(v.to)) ctx.addIssue({ code: 'custom', path: [v.from ? 'to' : 'from'], message: 'Set both dates of a custom range' });
    if (v.from && v.to) {
      if (v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date is before the start date' });
      else if (daysBetween(v.from, v.to) + 1 > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `A range is at most ${MAX_RANGE_DAYS} days` });
    }
  });
export type RangeInput = z.input<typeof rangeSchema>;

/** An inclusive range of analytics days, YYYY-MM-DD. */
export type DayRange = { from: string; to: string };

const DAY_MS = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
export const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Every day of the range, in order (for charts that must show empty days as zero). */
export function eachDay(r: DayRange): string[] {
  const out: string[] = [];
  for (let d = r.from; d <= r.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Today's date in an IANA time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * The range a dashboard shows, and the equally long range just before it (for "vs previous period").
 * Invalid input falls back to the default preset: URLs are user-editable and a page must still render.
 */
export function resolveRange(input: unknown, timeZone: string, now = new Date()): { range: DayRange; previous: DayRange; preset: RangePreset | null } {
  const parsed = rangeSchema.safeParse(input);
  const v = parsed.success ? parsed.data : {};
  const today = todayIn(timeZone, now);
  let range: DayRange;
  let preset: RangePreset | null = null;
  if (v.from && v.to) range = { from: v.from, to: v.to };
  else {
    preset = v.preset ?? '28d';
    range = { from: addDays(today, -(Number.parseInt(preset, 10) - 1)), to: today };
  }
  const len = daysBetween(range.from, range.to) + 1;
  return { range, previous: { from: addDays(range.from, -len), to: addDays(range.from, -1) }, preset };
}
