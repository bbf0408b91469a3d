import 'server-only';
import { and, desc, eq, lt, lte } from 'drizzle-orm';
import { db } from '@/db/client';
import { videoDaily } from '@/db/schema';
import { subtractArrays, sumArrays } from './metrics';
import type { DayRange } from './schemas';

// video_daily keeps its per-second arrays as running totals over the video's days, so the totals of
// any range are the difference of two rows — O(duration), whatever the range's length.

/** Views and per-second arrays of a day, a range, or a running total. */
export type PerSecondTotals = { views: number; coverage: Uint32Array; plays: Uint32Array; skips: Uint32Array; exits: Uint32Array };

export const EMPTY_TOTALS: PerSecondTotals = { views: 0, coverage: new Uint32Array(0), plays: new Uint32Array(0), skips: new Uint32Array(0), exits: new Uint32Array(0) };

export const cumColumns = { viewsCum: videoDaily.viewsCum, coverageCum: videoDaily.coverageCum, playsCum: videoDaily.playsCum, skipsCum: videoDaily.skipsCum, exitsCum: videoDaily.exitsCum };

type CumRow = { viewsCum: number; coverageCum: Uint32Array; playsCum: Uint32Array; skipsCum: Uint32Array; exitsCum: Uint32Array };

/** Totals of a running-total row; columns not read (or no row at all) count as zero. */
export const fromCum = (r: Partial<CumRow> | null): PerSecondTotals => ({
  views: r?.viewsCum ?? 0,
  coverage: r?.coverageCum ?? EMPTY_TOTALS.coverage,
  plays: r?.playsCum ?? EMPTY_TOTALS.plays,
  skips: r?.skipsCum ?? EMPTY_TOTALS.skips,
  exits: r?.exitsCum ?? EMPTY_TOTALS.exits,
});

export const addTotals = (a: PerSecondTotals, b: PerSecondTotals): PerSecondTotals => ({
  views: a.views + b.views,
  coverage: sumArrays([a.coverage, b.coverage]),
  plays: sumArrays([a.plays, b.plays]),
  skips: sumArrays([a.skips, b.skips]),
  exits: sumArrays([a.exits, b.exits]),
});

export const diffTotals = (a: PerSecondTotals, b: PerSecondTotals): PerSecondTotals => ({
  views: a.views - b.views,
  coverage: subtractArrays(a.coverage, b.coverage),
  plays: subtractArrays(a.plays, b.plays),
  skips: subtractArrays(a.skips, b.skips),
  exits: subtractArrays(a.exits, b.exits),
});

/** The last row on or before `day` (`strict`: before it), or null. */
async function lastRow(videoId: string, day: string, strict: boolean, columns: Partial<typeof cumColumns>) {
  const [row] = await db
    .select({ day: videoDaily.day, ...columns })
    .from(videoDaily)
    .where(and(eq(videoDaily.videoId, videoId), strict ? lt(videoDaily.day, day) : lte(videoDaily.day, day)))
    .orderBy(desc(videoDaily.day))
    .limit(1);
  return row ?? null;
}

/** Views and per-second arrays of one video over a range: two index lookups. */
export async function rangeTotals(videoId: string, range: DayRange, only?: (keyof typeof cumColumns)[]): Promise<PerSecondTotals> {
  const columns = only ? Object.fromEntries(only.map((k) => [k, cumColumns[k]])) : cumColumns;
  const [hi, lo] = await Promise.all([lastRow(videoId, range.to, false, columns), lastRow(videoId, range.from, true, columns)]);
  if (!hi || hi.day < range.from) return EMPTY_TOTALS;
  return diffTotals(fromCum(hi as Partial<CumRow>), fromCum(lo as Partial<CumRow> | null));
}
