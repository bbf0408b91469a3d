import type { Compared } from './dto';
import { eachDay, type DayRange } from './schemas';

// Pure helpers shared by the platform and course dashboards: daily roll-up rows (sparse: a day with
// no activity has no row) become a dense series for the range, and totals compared with the
// previous period.

/** The rows of `range` as one entry per day, missing days filled by `empty(day)`. */
export function denseDays<T extends { day: string }>(rows: T[], range: DayRange, empty: (day: string) => T): T[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return eachDay(range).map((d) => byDay.get(d) ?? empty(d));
}

const within = (day: string, r: DayRange) => day >= r.from && day <= r.to;

/** Σ of `pick` over the rows of the range and of the previous range. */
export function compareSum<T extends { day: string }>(rows: T[], range: DayRange, previous: DayRange, pick: (r: T) => number): Compared {
  let value = 0;
  let prev = 0;
  for (const r of rows) {
    if (within(r.day, range)) value += pick(r);
    else if (within(r.day, previous)) prev += pick(r);
  }
  return { value, previous: prev };
}

/** Mean per day of `pick` (days without a row count as zero): for figures that do not add across days. */
export function compareDailyMean<T extends { day: string }>(rows: T[], range: DayRange, previous: DayRange, pick: (r: T) => number): Compared {
  const s = compareSum(rows, range, previous, pick);
  return { value: s.value / eachDay(range).length, previous: s.previous / eachDay(previous).length };
}

export const hours = (seconds: number) => seconds / 3600;
export const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
