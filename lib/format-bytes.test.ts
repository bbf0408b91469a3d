import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it('picks the largest unit below 1024 and rounds sensibly', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1,023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatBytes(150 * 1024 ** 2)).toBe('150 MB');
  });
  it('uses the locale decimal separator', () => {
    expect(formatBytes(1536, 'ru')).toBe('1,5 KB');
  });
});
