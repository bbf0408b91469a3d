import { describe, expect, it } from 'vitest';
import { compareDailyMean, compareSum, denseDays, ratio } from './daily';

const range = { from: '2026-03-01', to: '2026-03-03' };
const previous = { from: '2026-02-26', to: '2026-02-28' };
const rows = [
  { day: '2026-02-27', n: 6 },
  { day: '2026-03-01', n: 2 },
  { day: '2026-03-03', n: 1 },
  { day: '2026-03-04', n: 100 },
];

describe('daily roll-up helpers', () => {
  it('fills the days without a row', () => {
    expect(denseDays(rows.filter((r) => r.day >= range.from && r.day <= range.to), range, (day) => ({ day, n: 0 }))).toEqual([
      { day: '2026-03-01', n: 2 },
      { day: '2026-03-02', n: 0 },
      { day: '2026-03-03', n: 1 },
    ]);
  });
  it('sums the range and the previous range, ignoring other days', () => {
    expect(compareSum(rows, range, previous, (r) => r.n)).toEqual({ value: 3, previous: 6 });
  });
  it('averages per day, empty days counting as zero', () => {
    expect(compareDailyMean(rows, range, previous, (r) => r.n)).toEqual({ value: 1, previous: 2 });
  });
  it('divides only by a positive denominator', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNull();
  });
});
