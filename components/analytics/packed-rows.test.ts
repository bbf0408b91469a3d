import { describe, expect, it } from 'vitest';
import { isPacked, packRows, unpackRows } from './packed-rows';

describe('packed chart rows', () => {
  it('round-trips a per-second curve, rounding each column to its digits', () => {
    const rows = [
      { t: 0, retention: 1, dropOff: 0 },
      { t: 7, retention: 0.876543219, dropOff: 0.0123456 },
      { t: 7199, retention: 0.05, dropOff: -0.00001 },
    ];
    const packed = packRows(rows, { t: 0, retention: 5, dropOff: 5 });
    expect(isPacked(packed)).toBe(true);
    expect(packed.columns.t).toBe('0 7 7199');
    expect(unpackRows(packed)).toEqual([
      { t: 0, retention: 1, dropOff: 0 },
      { t: 7, retention: 0.87654, dropOff: 0.01235 },
      { t: 7199, retention: 0.05, dropOff: -0.00001 },
    ]);
  });

  it('is much smaller than the rows as JSON', () => {
    const rows = Array.from({ length: 1000 }, (_, t) => ({ t: t * 7, retention: Math.exp(-t / 400) * 0.987654321, dropOff: Math.random() / 100 }));
    expect(JSON.stringify(packRows(rows, { t: 0, retention: 5, dropOff: 5 })).length).toBeLessThan(JSON.stringify(rows).length / 2.5);
  });

  it('keeps an empty series empty and a missing value null', () => {
    expect(unpackRows(packRows([], { t: 0 }))).toEqual([]);
    expect(unpackRows(packRows([{ t: 1, v: Number.NaN }], { t: 0, v: 2 }))).toEqual([{ t: 1, v: null }]);
    expect(isPacked([{ t: 1 }])).toBe(false);
  });
});
