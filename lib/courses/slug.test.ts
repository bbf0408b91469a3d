import { describe, expect, it } from 'vitest';
import { SLUG_MAX } from '@/lib/course-constants';
import { FALLBACK_SLUG, firstFreeSlug, isValidSlug, slugCandidate, slugify, transliterate } from './slug';

describe('slugify', () => {
  it('lower-cases and joins words with single hyphens', () => {
    expect(slugify('  Intro to   Python 3!  ')).toBe('intro-to-python-3');
    expect(slugify('C++ & Rust: a--b__c')).toBe('c-and-rust-a-b-c');
  });

  it('transliterates Cyrillic', () => {
    expect(slugify('Основы Python')).toBe('osnovy-python');
    expect(slugify('Щука, ёж и съезд')).toBe('shchuka-yozh-i-sezd');
    expect(slugify('Їжак і ґанок')).toBe('yizhak-i-ganok');
    expect(transliterate('Жюль Верн')).toBe('zhyul vern');
  });

  it('drops accents', () => {
    expect(slugify('Crème brûlée für Anfänger')).toBe('creme-brulee-fur-anfanger');
    expect(slugify('Straße')).toBe('strasse');
  });

  it('falls back when nothing survives', () => {
    expect(slugify('日本語')).toBe(FALLBACK_SLUG);
    expect(slugify('!!! ???')).toBe(FALLBACK_SLUG);
  });

  it('cuts long titles without a trailing hyphen', () => {
    const s = slugify(`${'word '.repeat(40)}`);
    expect(s.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(s.endsWith('-')).toBe(false);
    expect(isValidSlug(s)).toBe(true);
  });

  it('always yields a valid slug', () => {
    for (const title of ['Привет, мир!', '  ---  ', 'A', 'ÆØÅ æøå', '100% JavaScript', 'Über-Kurs — часть 2']) {
      expect(isValidSlug(slugify(title)), title).toBe(true);
    }
  });
});

describe('slug candidates', () => {
  it('suffix -2, -3… and stay within the length limit', () => {
    expect(slugCandidate('intro', 1)).toBe('intro');
    expect(slugCandidate('intro', 2)).toBe('intro-2');
    const long = 'a'.repeat(SLUG_MAX);
    expect(slugCandidate(long, 12)).toHaveLength(SLUG_MAX);
    expect(slugCandidate(long, 12).endsWith('-12')).toBe(true);
  });

  it('does not leave a double hyphen when the cut lands on one', () => {
    const base = `${'a'.repeat(SLUG_MAX - 3)}-bc`;
    expect(isValidSlug(slugCandidate(base, 2))).toBe(true);
  });

  it('picks the first free one', () => {
    expect(firstFreeSlug('intro', new Set())).toBe('intro');
    expect(firstFreeSlug('intro', new Set(['intro', 'intro-2', 'intro-4']))).toBe('intro-3');
  });
});

describe('isValidSlug', () => {
  it('accepts lower-case words joined by single hyphens', () => {
    expect(isValidSlug('intro-to-python-3')).toBe(true);
    expect(isValidSlug('a')).toBe(true);
  });
  it('rejects everything else', () => {
    for (const s of ['', 'Intro', '-a', 'a-', 'a--b', 'a b', 'a_b', 'привет', 'a'.repeat(SLUG_MAX + 1)]) expect(isValidSlug(s), s).toBe(false);
  });
});
