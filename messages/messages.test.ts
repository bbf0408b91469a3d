import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.dirname(new URL(import.meta.url).pathname);
const keys = (o: unknown, prefix = ''): string[] =>
  typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];
const load = (locale: string) =>
  Object.fromEntries(fs.readdirSync(path.join(dir, locale)).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -5), JSON.parse(fs.readFileSync(path.join(dir, locale, f), 'utf8'))]));

describe('translations', () => {
  const en = load('en');
  const ru = load('ru');
  it('Russian has exactly the English keys (the UI is fully translated)', () => {
    expect(keys(ru).sort()).toEqual(keys(en).sort());
  });
  it('has no empty strings', () => {
    const empty = (o: unknown): boolean => (typeof o === 'string' ? o.trim() === '' : Object.values(o as object).some(empty));
    expect(empty(en)).toBe(false);
    expect(empty(ru)).toBe(false);
  });
  it('uses the same placeholders in both languages', () => {
    const get = (o: Record<string, unknown>, k: string) => k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], o) as string;
    for (const k of keys(en)) {
      // Argument names only (`{name}`, `{count, plural, …}`), not the text inside plural branches.
      const ph = (s: string) => (s.match(/\{\s*(\w+)\s*[,}]/g) ?? []).map((m) => m.replace(/[{},\s]/g, "")).sort();
      expect([k, ph(get(ru, k))]).toEqual([k, ph(get(en, k))]);
    }
  });
});
