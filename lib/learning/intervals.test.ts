import { describe, expect, it } from 'vitest';
import { clampSegments, limitByWallTime, mergeIntervals, totalLength } from './intervals';

describe('mergeIntervals', () => {
  it('unions overlapping, touching and nested intervals, whatever their order', () => {
    expect(mergeIntervals([], [[10, 20], [0, 5], [5, 8], [15, 30], [40, 41], [16, 17]])).toEqual([
      [0, 8],
      [10, 30],
      [40, 41],
    ]);
  });
  it('counts rewatched seconds once', () => {
    const once = mergeIntervals([], [[0, 60]]);
    const twice = mergeIntervals(once, [[0, 60], [30, 45]]);
    expect(totalLength(twice)).toBe(60);
  });
  it('keeps gaps left by forward seeks', () => {
    expect(totalLength(mergeIntervals([[0, 10]], [[50, 60]]))).toBe(20);
  });
});

describe('clampSegments', () => {
  it('clamps to the duration and drops empty or inverted segments', () => {
    expect(clampSegments([[-5, 3, 1], [8, 12, 2], [20, 10, 1], [15, 15, 1], [11, 30, 1]], 10)).toEqual([
      [0, 3, 1],
      [8, 10, 2],
    ]);
  });
});

describe('limitByWallTime', () => {
  it('keeps what fits in the elapsed time and cuts the rest (a forged 100 % claim)', () => {
    const r = limitByWallTime([[0, 600, 1]], 7);
    expect(r.kept).toEqual([[0, 7, 1]]);
    expect(r.wall).toBe(7);
    expect(r.rejected).toBe(593);
  });
  it('accounts for the rate: at 2× twice the content fits in the same wall time', () => {
    expect(limitByWallTime([[0, 20, 2]], 10).kept).toEqual([[0, 20, 2]]);
    expect(limitByWallTime([[0, 20, 2], [30, 40, 1]], 12).kept).toEqual([
      [0, 20, 2],
      [30, 32, 1],
    ]);
  });
});
