import { describe, expect, it } from 'vitest';
import { formatDuration, languageName, splitDuration } from './format';

const t = (key: string, v: { hours?: number; minutes: number }) => (key === 'durationHoursMinutes' ? `${v.hours} h ${v.minutes} min` : `${v.minutes} min`);

describe('durations', () => {
  it('rounds up to whole minutes and splits hours', () => {
    expect(splitDuration(20)).toEqual({ hours: 0, minutes: 1 });
    expect(splitDuration(3600)).toEqual({ hours: 1, minutes: 0 });
    expect(splitDuration(3661)).toEqual({ hours: 1, minutes: 2 });
  });
  it('formats through the messages and hides unknown durations', () => {
    expect(formatDuration(t, 45 * 60)).toBe('45 min');
    expect(formatDuration(t, 65 * 60)).toBe('1 h 5 min');
    expect(formatDuration(t, null)).toBeNull();
    expect(formatDuration(t, 0)).toBeNull();
  });
});

describe('languageName', () => {
  it('names a language in the reader’s locale and falls back to the code', () => {
    expect(languageName('en', 'en')).toBe('English');
    expect(languageName('ru', 'ru').toLowerCase()).toBe('русский');
    expect(languageName('not a code!', 'en')).toBe('not a code!');
  });
});
