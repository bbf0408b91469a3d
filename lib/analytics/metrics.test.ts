import { describe, expect, it } from 'vitest';
import { lttbIndices } from './downsample';
import { biggestDrops, dropOff, foldDay, peakConcurrent, retention, rewatchHotspots, skipZones, sumArrays, topExits, type FoldView } from './metrics';

const at = (iso: string) => new Date(iso);
function view(p: Partial<FoldView> & Pick<FoldView, 'segments'>): FoldView {
  return { viewer: 'u1', startedAt: at('2026-11-01T10:00:00Z'), skips: [], ended: false, maxPosition: 0, lastPosition: 0, stallMs: 0, errorFatal: false, errorCode: null, ...p };
}
const arr = (a: Uint32Array, from: number, to: number) => Array.from(a.slice(from, to));

describe('foldDay (video.md §6 on hand-made views)', () => {
  it('a rewatch counts once in coverage and retention, twice in plays and watch time', () => {
    // 0–20, then back to 5 and 5–15 again: U = [0, 20], S has two segments over 5–15.
    const f = foldDay([view({ segments: [[0, 20, 1], [5, 15, 1]], lastPosition: 15, maxPosition: 20 })], 100);
    expect(f.views).toBe(1);
    expect(f.uniqueWatchSeconds).toBe(20);
    expect(f.watchSeconds).toBe(30);
    expect(arr(f.coverage, 0, 21)).toEqual([...Array(20).fill(1), 0]);
    expect(arr(f.plays, 3, 17)).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(f.uniqueSeconds).toEqual([20]);
  });

  it('at 2× speed watch time is half the content played; coverage is the content', () => {
    const f = foldDay([view({ segments: [[0, 60, 2]] })], 60);
    expect(f.watchSeconds).toBe(30);
    expect(f.uniqueWatchSeconds).toBe(60);
    expect(f.completedViews).toBe(1);
    expect(f.watchedShareSum).toBe(1);
    expect(f.playedMs).toBe(30_000);
  });

  it('a forward seek skips what it jumped over; only seconds not watched later count as skipped', () => {
    // Watched 0–10, jumped 10 → 40, watched 40–50, came back and watched 20–25.
    const f = foldDay([view({ segments: [[0, 10, 1], [40, 50, 1], [20, 25, 1]], skips: [[10, 40]], lastPosition: 25 })], 60);
    expect(arr(f.coverage, 9, 12)).toEqual([1, 0, 0]);
    expect(arr(f.skips, 9, 12)).toEqual([0, 1, 1]);
    expect(arr(f.skips, 19, 26)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(f.skips[40]).toBe(0);
    expect(f.uniqueWatchSeconds).toBe(25);
  });

  it('counts views, view starts, failures and exits before start by their definitions', () => {
    const f = foldDay(
      [
        view({ segments: [[0, 5, 1]], lastPosition: 5 }),
        view({ viewer: 'u2', segments: [] }), // play intent, never started: exit before start
        view({ viewer: 'u3', segments: [], errorFatal: true, errorCode: 'media' }), // failed
        view({ viewer: 'u4', segments: [], errorFatal: true, errorCode: 'forbidden' }), // access denied: not a failure
      ],
      100,
    );
    expect(f.viewStarts).toBe(4);
    expect(f.views).toBe(1);
    expect(f.failedViews).toBe(1);
    expect(f.exitsBeforeStart).toBe(1);
    expect(f.uniqueViewers).toBe(1);
  });

  it('qualified views: ≥ min(10 s, D/2) watched, one per viewer and hour', () => {
    const f = foldDay(
      [
        view({ segments: [[0, 12, 1]] }),
        view({ segments: [[0, 15, 1]], startedAt: at('2026-11-01T10:40:00Z') }), // same viewer, same hour
        view({ segments: [[0, 15, 1]], startedAt: at('2026-11-01T11:05:00Z') }), // next hour
        view({ viewer: 'u2', segments: [[0, 9, 1]] }), // under 10 s
      ],
      100,
    );
    expect(f.views).toBe(4);
    expect(f.qualifiedViews).toBe(2);
    // A 12-second video: half of it (6 s) qualifies.
    expect(foldDay([view({ segments: [[0, 6, 1]] })], 12).qualifiedViews).toBe(1);
  });

  it('completion (≥ 90 % unique) and reached end (ended, or max position ≥ 97 %) differ', () => {
    const f = foldDay(
      [
        view({ segments: [[0, 91, 1]], lastPosition: 91, maxPosition: 91 }),
        view({ viewer: 'u2', segments: [[0, 10, 1]], skips: [[10, 98]], lastPosition: 100, maxPosition: 100, ended: true }),
      ],
      100,
    );
    expect(f.completedViews).toBe(1);
    expect(f.reachedEndViews).toBe(1);
    // The non-completing view's exit point is its last position (clamped into the video).
    expect(f.exits[99]).toBe(1);
    expect(f.exits[91]).toBe(0);
  });

  it('a second is covered when its midpoint is: 0–9.7 covers 0…9, 0.4–5 covers 0…4', () => {
    const f = foldDay([view({ segments: [[0, 9.7, 1]] }), view({ viewer: 'u2', segments: [[0.4, 5, 1]] })], 20);
    expect(arr(f.coverage, 0, 11)).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0]);
  });
});

describe('readers over summed roll-ups', () => {
  it('unique viewers are not summed across days, but per-second arrays are', () => {
    const d1 = foldDay([view({ segments: [[0, 10, 1]] })], 10);
    const d2 = foldDay([view({ startedAt: at('2026-11-02T10:00:00Z'), segments: [[0, 5, 1]] })], 10);
    expect(d1.uniqueViewers + d2.uniqueViewers).toBe(2); // why the dashboard counts viewers from view rows
    const cov = sumArrays([d1.coverage, d2.coverage]);
    expect(Array.from(retention(cov, 2))).toEqual([1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it('drop-off is R(t) − R(t+1) smoothed over 5 s, and the biggest drop is found', () => {
    const r = new Float64Array(40).map((_, t) => (t < 20 ? 1 : 0.5));
    const d = dropOff(r);
    expect(d[19]).toBeCloseTo(0.1);
    expect(d[10]).toBe(0);
    const [zone] = biggestDrops(d, 1);
    expect(zone!.from).toBeLessThanOrEqual(19);
    expect(zone!.to).toBeGreaterThan(19);
  });

  it('rewatch hotspots need ≥ 5 s of plays/viewer ≥ 1.3 above the median', () => {
    const coverage = new Uint32Array(60).fill(10);
    const plays = new Uint32Array(60).fill(10);
    for (let t = 20; t < 28; t++) plays[t] = 20; // 8 s rewatched by everyone
    for (let t = 40; t < 43; t++) plays[t] = 30; // 3 s: too short
    expect(rewatchHotspots(plays, coverage)).toEqual([{ from: 20, to: 28, value: 2 }]);
  });

  it('skip zones are shares of views passing t that jumped over it', () => {
    const coverage = new Uint32Array(30).fill(4);
    const skips = new Uint32Array(30);
    for (let t = 10; t < 20; t++) {
      coverage[t] = 1;
      skips[t] = 3;
    }
    expect(skipZones(skips, coverage)).toEqual([{ from: 10, to: 20, value: 0.75 }]);
  });

  it('exit points are the most frequent last positions', () => {
    const exits = new Uint32Array(10);
    exits[3] = 2;
    exits[7] = 5;
    expect(topExits(exits)).toEqual([
      { t: 7, views: 5 },
      { t: 3, views: 2 },
    ]);
  });

  it('peak concurrency sweeps starts and ends; back-to-back views do not overlap', () => {
    expect(peakConcurrent([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 10, end: 20 }, { start: 12, end: 13 }])).toBe(3);
    expect(peakConcurrent([{ start: 0, end: 10 }, { start: 10, end: 20 }])).toBe(1);
  });

  it('LTTB keeps at most the threshold, the ends and a sharp cliff', () => {
    const y = Array.from({ length: 7200 }, (_, t) => (t < 3600 ? 1 : 0.2) + (t === 5000 ? 0.5 : 0));
    const idx = lttbIndices(y, 1000);
    expect(idx.length).toBe(1000);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(7199);
    expect(idx).toContain(5000);
    expect(idx.some((i) => i >= 3595 && i <= 3605)).toBe(true);
    expect(lttbIndices([1, 2, 3], 1000)).toEqual([0, 1, 2]);
  });
});
