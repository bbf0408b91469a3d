import { describe, expect, it } from 'vitest';
import { throttleDelayMs } from './throttle';

const W = 15 * 60_000;
const now = 1_000_000_000;
const fails = (n: number, step = 1000) => Array.from({ length: n }, (_, i) => now - (n - i) * step);

describe('throttleDelayMs', () => {
  it('allows attempts below the limit', () => {
    expect(throttleDelayMs(fails(4), now, 5, W)).toBe(0);
  });
  it('blocks for 30 s after the limit is reached, counted from the last failure', () => {
    expect(throttleDelayMs(fails(5), now, 5, W)).toBe(30_000 - 1000);
  });
  it('doubles the wait with every further failure', () => {
    expect(throttleDelayMs(fails(6), now, 5, W)).toBe(60_000 - 1000);
    expect(throttleDelayMs(fails(7), now, 5, W)).toBe(120_000 - 1000);
  });
  it('never waits longer than the window', () => {
    expect(throttleDelayMs(fails(40), now, 5, W)).toBeLessThanOrEqual(W);
  });
  it('ignores failures outside the window', () => {
    const old = Array.from({ length: 10 }, (_, i) => now - W - i * 1000);
    expect(throttleDelayMs(old, now, 5, W)).toBe(0);
  });
  it('lets the user try again once the wait has passed', () => {
    expect(throttleDelayMs(fails(5), now + 30_000, 5, W)).toBe(0);
  });
});
