import type { Segment } from './beat-protocol';

// Interval arithmetic for coverage: a student's coverage of a video is the length of the union of
// the content intervals they played, divided by the duration. Pure and unit-tested.

export type Interval = [number, number];

/** Segments clamped to [0, duration] (as intervals), empty and inverted ones dropped. */
export function clampSegments(segments: readonly Segment[], duration: number): Segment[] {
  const out: Segment[] = [];
  for (const [from, to, rate] of segments) {
    const a = Math.max(0, Math.min(from, duration));
    const b = Math.max(0, Math.min(to, duration));
    if (b > a) out.push([a, b, rate]);
  }
  return out;
}

/** The union of `existing` (already merged) and `added`, sorted and merged (touching intervals join). */
export function mergeIntervals(existing: readonly Interval[], added: readonly Interval[]): Interval[] {
  const all = [...existing, ...added].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1e-6) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  // Rounded to 0.01 s: enough for coverage, and keeps the stored JSON short.
  return out.map(([a, b]) => [Math.round(a * 100) / 100, Math.round(b * 100) / 100]);
}

export const totalLength = (intervals: readonly Interval[]) => intervals.reduce((s, [a, b]) => s + (b - a), 0);

/**
 * Keeps segments, in order, while their played wall time (length / rate) fits in `budget` seconds;
 * the segment that crosses the budget is cut. Returns the kept segments and the time cut off.
 */
export function limitByWallTime(segments: readonly Segment[], budget: number): { kept: Segment[]; wall: number; rejected: number } {
  const kept: Segment[] = [];
  let left = Math.max(0, budget);
  let wall = 0;
  let rejected = 0;
  for (const [from, to, rate] of segments) {
    const need = (to - from) / rate;
    if (need <= left) {
      kept.push([from, to, rate]);
      left -= need;
      wall += need;
    } else {
      if (left > 0.05) {
        kept.push([from, from + left * rate, rate]);
        wall += left;
      }
      rejected += need - Math.max(0, left);
      left = 0;
    }
  }
  return { kept, wall, rejected };
}
