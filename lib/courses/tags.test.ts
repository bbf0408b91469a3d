import { describe, expect, it } from 'vitest';
import { normalizeTags } from './tags';

describe('normalizeTags', () => {
  it('splits a comma-separated string, trims, lower-cases and deduplicates', () => {
    expect(normalizeTags(' Python, DATA  Science ,python,, ,Data science ')).toEqual(['python', 'data science']);
  });
  it('accepts an array and keeps the first occurrence order', () => {
    expect(normalizeTags(['Web', 'API', 'web', 'Тесты', 'ТЕСТЫ'])).toEqual(['web', 'api', 'тесты']);
  });
  it('splits array items that contain commas', () => {
    expect(normalizeTags(['a, b', 'c'])).toEqual(['a', 'b', 'c']);
  });
  it('gives an empty list for empty input', () => {
    expect(normalizeTags('')).toEqual([]);
    expect(normalizeTags([])).toEqual([]);
  });
});
