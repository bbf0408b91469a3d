import { createFormatter } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { clock, formatValue } from './format';

const en = createFormatter({ locale: 'en', timeZone: 'UTC' });
const ru = createFormatter({ locale: 'ru', timeZone: 'UTC' });

describe('dashboard formatting', () => {
  it('writes positions as m:ss or h:mm:ss', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(65.9)).toBe('1:05');
    expect(clock(3723)).toBe('1:02:03');
  });
  it('formats percentages, durations and bytes per locale', () => {
    expect(formatValue(en, 'pct', 2 / 3)).toBe('66.7%');
    expect(formatValue(ru, 'pct', 2 / 3)).toMatch(/^66,7\s?%$/);
    expect(formatValue(en, 'seconds', 45)).toBe('45 sec');
    expect(formatValue(en, 'seconds', 3900)).toBe('65 min');
    expect(formatValue(en, 'seconds', 6540)).toBe('1.8 hr');
    expect(formatValue(en, 'bytes', 5_000_000)).toBe('5 MB');
    expect(formatValue(en, 'hours', 130 / 3600)).toBe('0.04 hr');
  });
  it('shows a dash for missing values and an analytics day as that calendar day', () => {
    expect(formatValue(en, 'pct', null)).toBe('—');
    expect(formatValue(en, 'day', '2026-03-01')).toBe('Mar 1, 2026');
  });
});
