import { mergeIntervals, totalLength, type Interval } from '@/lib/learning/intervals';

// The video metrics of video.md §6, as pure functions: `foldDay` turns one day's closed views of one
// video into a roll-up row (counters + per-second arrays built with difference arrays); the readers
// below turn summed roll-ups into R(t), drop-off, hotspots and skip zones. Unit-tested on hand-made views.

export type FoldView = {
  /** The user id, or the anonymous first-party viewer key. */
  viewer: string;
  startedAt: Date;
  /** Raw played segments [from, to, rate] with repeats (S_v). */
  segments: readonly [number, number, number][];
  /** Forward seeks of ≥ 3 s, [from, to]. */
  skips: readonly [number, number][];
  ended: boolean;
  maxPosition: number;
  lastPosition: number;
  stallMs: number;
  errorFatal: boolean;
  errorCode: string | null;
};

export type DayFold = {
  viewStarts: number;
  views: number;
  qualifiedViews: number;
  uniqueViewers: number;
  watchSeconds: number;
  uniqueWatchSeconds: number;
  watchedShareSum: number;
  completedViews: number;
  reachedEndViews: number;
  failedViews: number;
  exitsBeforeStart: number;
  stallMs: number;
  playedMs: number;
  coverage: Uint32Array;
  plays: Uint32Array;
  skips: Uint32Array;
  exits: Uint32Array;
  /** len(U_v) per input view, in input order. */
  uniqueSeconds: number[];
};

/** A view is complete when it covered this share of the video (§6 #9). */
export const COMPLETED_SHARE = 0.9;

/** Access refusals are not playback failures (§6 #19). */
const ACCESS_DENIED_CODES = new Set(['forbidden', 'access_denied', 'unauthorized', 'FORBIDDEN']);
const HOUR_MS = 3_600_000;

/** Whole seconds the per-second arrays have for a video of `duration` seconds (t = 0…D−1). */
export const secondsOf = (duration: number) => Math.max(1, Math.round(duration));

/**
 * Second t is inside [a, b) when its midpoint t + 0.5 is: a played stretch covers the seconds it
 * mostly covers, so 0–9.7 covers 0…9 and 0.4–5 covers 0…4. Adds +1 over them to a difference array.
 */
function addRange(diff: Int32Array, a: number, b: number) {
  const n = diff.length - 1;
  const first = Math.max(0, Math.ceil(a - 0.5));
  const end = Math.min(n, Math.ceil(b - 0.5));
  if (end <= first) return;
  diff[first]! += 1;
  diff[end]! -= 1;
}

function prefix(diff: Int32Array): Uint32Array {
  const out = new Uint32Array(diff.length - 1);
  let run = 0;
  for (let i = 0; i < out.length; i++) {
    run += diff[i]!;
    out[i] = run;
  }
  return out;
}

/** Intervals of `a` not covered by `b` (both merged and sorted). */
function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [s, e] of a) {
    let from = s;
    while (j < b.length && b[j]![1] <= from) j++;
    let k = j;
    while (k < b.length && b[k]![0] < e) {
      if (b[k]![0] > from) out.push([from, b[k]![0]]);
      from = Math.max(from, b[k]![1]);
      k++;
    }
    if (from < e) out.push([from, e]);
  }
  return out;
}

/** One video's closed views of one day → the roll-up row. `duration` is the video's length in seconds. */
export function foldDay(views: readonly FoldView[], duration: number): DayFold {
  const n = secondsOf(duration);
  const coverage = new Int32Array(n + 1);
  const plays = new Int32Array(n + 1);
  const skips = new Int32Array(n + 1);
  const exits = new Uint32Array(n);
  const viewers = new Set<string>();
  const qualified = new Set<string>();
  const f = {
    viewStarts: views.length,
    views: 0,
    watchSeconds: 0,
    uniqueWatchSeconds: 0,
    watchedShareSum: 0,
    completedViews: 0,
    reachedEndViews: 0,
    failedViews: 0,
    exitsBeforeStart: 0,
    stallMs: 0,
    playedMs: 0,
  };
  const uniqueSeconds: number[] = [];
  for (const v of views) {
    const union = mergeIntervals([], v.segments.map(([a, b]) => [a, b] as Interval));
    const unique = totalLength(union);
    uniqueSeconds.push(Math.round(unique * 100) / 100);
    const played = v.segments.reduce((s, [a, b, rate]) => s + (b - a) / rate, 0);
    const fatal = v.errorFatal && !ACCESS_DENIED_CODES.has(v.errorCode ?? '');
    if (fatal) f.failedViews++;
    f.stallMs += v.stallMs;
    f.playedMs += played * 1000;
    const progressed = unique > 0;
    if (!progressed) {
      if (!v.errorFatal) f.exitsBeforeStart++;
      continue;
    }
    f.views++;
    viewers.add(v.viewer);
    f.watchSeconds += played;
    f.uniqueWatchSeconds += unique;
    f.watchedShareSum += Math.min(1, unique / duration);
    const completed = unique >= COMPLETED_SHARE * duration;
    if (completed) f.completedViews++;
    if (v.ended || v.maxPosition >= 0.97 * duration) f.reachedEndViews++;
    if (unique >= Math.min(10, 0.5 * duration)) qualified.add(`${v.viewer}:${Math.floor(v.startedAt.getTime() / HOUR_MS)}`);
    for (const [a, b] of union) addRange(coverage, a, b);
    for (const [a, b] of v.segments) addRange(plays, a, b);
    const skipped = subtract(mergeIntervals([], v.skips.map(([a, b]) => [a, b] as Interval)), union);
    for (const [a, b] of skipped) addRange(skips, a, b);
    if (!completed) exits[Math.min(n - 1, Math.max(0, Math.floor(v.lastPosition)))]! += 1;
  }
  return {
    ...f,
    qualifiedViews: qualified.size,
    uniqueViewers: viewers.size,
    coverage: prefix(coverage),
    plays: prefix(plays),
    skips: prefix(skips),
    exits,
    uniqueSeconds,
  };
}

/** Element-wise sum of per-second arrays of possibly different lengths (a replaced video). */
export function sumArrays(arrays: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(Math.max(0, ...arrays.map((a) => a.length)));
  for (const a of arrays) for (let i = 0; i < a.length; i++) out[i]! += a[i]!;
  return out;
}

/** a − b element-wise (b a prefix-sum of a: never negative), over the longer length. */
export function subtractArrays(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, (a[i] ?? 0) - (b[i] ?? 0));
  return out;
}

/** R(t) = views covering t / views (§6 #10). */
export function retention(coverage: Uint32Array, views: number): Float64Array {
  const r = new Float64Array(coverage.length);
  if (views > 0) for (let i = 0; i < r.length; i++) r[i] = coverage[i]! / views;
  return r;
}

/**
 * Drop-off at t: R(t) − R(t+1), smoothed by a centred 5-second moving average (§6 #12). The video's
 * end is not a drop: whoever reached the last second finished.
 */
export function dropOff(r: Float64Array): Float64Array {
  const raw = new Float64Array(r.length);
  for (let i = 0; i + 1 < r.length; i++) raw[i] = r[i]! - r[i + 1]!;
  const out = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) {
    let s = 0;
    let c = 0;
    for (let j = Math.max(0, i - 2); j <= Math.min(r.length - 1, i + 2); j++) {
      s += raw[j]!;
      c++;
    }
    out[i] = s / c;
  }
  return out;
}

export type Zone = { from: number; to: number; value: number };

/** Runs of consecutive seconds where `keep(t)` holds, at least `minLength` long; value = mean of `value(t)`. */
function runs(n: number, keep: (t: number) => boolean, value: (t: number) => number, minLength: number): Zone[] {
  const out: Zone[] = [];
  let start = -1;
  let sum = 0;
  for (let t = 0; t <= n; t++) {
    if (t < n && keep(t)) {
      if (start < 0) {
        start = t;
        sum = 0;
      }
      sum += value(t);
    } else if (start >= 0) {
      if (t - start >= minLength) out.push({ from: start, to: t, value: sum / (t - start) });
      start = -1;
    }
  }
  return out;
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Rewatch hotspots (§6 #14): stretches of ≥ 5 s where plays per viewer P(t)/viewers(t) ≥ 1.3 and
 * clearly above the video's median ratio (at least 1.2× it).
 */
export function rewatchHotspots(plays: Uint32Array, coverage: Uint32Array): Zone[] {
  const ratio = (t: number) => (coverage[t]! > 0 ? plays[t]! / coverage[t]! : 0);
  const ratios: number[] = [];
  for (let t = 0; t < coverage.length; t++) if (coverage[t]! > 0) ratios.push(ratio(t));
  const bar = Math.max(1.3, 1.2 * median(ratios));
  return runs(coverage.length, (t) => coverage[t]! > 0 && ratio(t) >= bar, ratio, 5);
}

/**
 * Skip zones (§6 #15): share of views passing t (watching it or jumping over it) that jumped over it
 * with a forward seek of ≥ 3 s; stretches of ≥ 3 s where that share is at least `minShare`.
 */
export function skipZones(skips: Uint32Array, coverage: Uint32Array, minShare = 0.25): Zone[] {
  const share = (t: number) => {
    const passing = skips[t]! + (coverage[t] ?? 0);
    return passing > 0 ? skips[t]! / passing : 0;
  };
  return runs(skips.length, (t) => share(t) >= minShare, share, 3);
}

/** The `count` largest smoothed drops, at least 5 s apart, as 5-second zones centred on them. */
export function biggestDrops(drop: Float64Array, count = 5): Zone[] {
  const order = Array.from(drop.keys())
    .filter((t) => drop[t]! > 0)
    .sort((a, b) => drop[b]! - drop[a]! || a - b);
  const out: Zone[] = [];
  for (const t of order) {
    if (out.length >= count) break;
    if (out.some((z) => Math.abs(z.from + 2 - t) < 5)) continue;
    out.push({ from: Math.max(0, t - 2), to: Math.min(drop.length, t + 3), value: drop[t]! });
  }
  return out.sort((a, b) => a.from - b.from);
}

/** The seconds where most non-completing views stopped, most frequent first. */
export function topExits(exits: Uint32Array, count = 10): { t: number; views: number }[] {
  return Array.from(exits.keys())
    .filter((t) => exits[t]! > 0)
    .sort((a, b) => exits[b]! - exits[a]! || a - b)
    .slice(0, count)
    .map((t) => ({ t, views: exits[t]! }));
}

/** Peak concurrent viewers (§6 #16): a sweep over view start (+1) and end (−1) times. */
export function peakConcurrent(intervals: readonly { start: number; end: number }[]): number {
  const events: [number, number][] = [];
  for (const { start, end } of intervals) events.push([start, 1], [Math.max(start, end), -1]);
  // Ends before starts at the same instant: a view that ends as another starts is not concurrent with it.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of events) peak = Math.max(peak, (now += d));
  return peak;
}
