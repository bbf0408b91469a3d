import { describe, expect, it } from 'vitest';
import { SPEEDS } from './controls';
import { formatRate, formatTime } from './format';

describe('formatRate', () => {
  it('writes every offered speed as Intl.NumberFormat does in English and Russian', () => {
    for (const s of SPEEDS) {
      expect(formatRate(s, '.')).toBe(new Intl.NumberFormat('en').format(s));
      expect(formatRate(s, ',')).toBe(new Intl.NumberFormat('ru').format(s));
    }
  });
});

describe('formatTime', () => {
  it('writes minutes and seconds, and hours when there are any', () => {
    expect(formatTime(65)).toBe('1:05');
    expect(formatTime(3723)).toBe('1:02:03');
    expect(formatTime(Number.NaN)).toBe('0:00');
  });
});
