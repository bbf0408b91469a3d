import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, mergePreferences } from './merge';

describe('mergePreferences', () => {
  it('keeps the account value where both are set', () => {
    expect(mergePreferences({ theme: 'dark', locale: 'ru' }, { theme: 'light', locale: 'en' })).toEqual({ theme: 'dark', locale: 'ru' });
  });
  it('fills what the account lacks from the visitor', () => {
    expect(mergePreferences({ theme: null, locale: 'ru' }, { theme: 'light', locale: 'en' })).toEqual({ theme: 'light', locale: 'ru' });
  });
  it('takes the visitor values for a new account', () => {
    expect(mergePreferences(null, { theme: 'dark' })).toEqual({ theme: 'dark', locale: null });
  });
  it('leaves both unset when nobody chose', () => {
    expect(mergePreferences(null, {})).toEqual({ theme: null, locale: null });
  });
});

describe('localeFromAcceptLanguage', () => {
  const s = ['en', 'ru'] as const;
  it('picks the highest-ranked supported language', () => {
    expect(localeFromAcceptLanguage('de-DE,ru;q=0.9,en;q=0.8', s, 'en')).toBe('ru');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,ru;q=0.8', s, 'en')).toBe('en');
    expect(localeFromAcceptLanguage('ru-RU', s, 'en')).toBe('ru');
  });
  it('respects q values regardless of order', () => {
    expect(localeFromAcceptLanguage('en;q=0.5,ru;q=0.9', s, 'en')).toBe('ru');
  });
  it('falls back when nothing matches or the header is missing', () => {
    expect(localeFromAcceptLanguage('de,fr', s, 'en')).toBe('en');
    expect(localeFromAcceptLanguage(null, s, 'en')).toBe('en');
    expect(localeFromAcceptLanguage('ru;q=0', s, 'en')).toBe('en');
  });
});
