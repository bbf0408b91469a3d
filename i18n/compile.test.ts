import fs from 'node:fs';
import path from 'node:path';
import format from 'icu-minify/format';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { compileMessages } from './compile';

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'messages');
const load = (locale: string) =>
  Object.fromEntries(fs.readdirSync(path.join(dir, locale)).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -5), JSON.parse(fs.readFileSync(path.join(dir, locale, f), 'utf8')) as unknown]));
const formatters = {
  getNumberFormat: (...a: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...a),
  getDateTimeFormat: (...a: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...a),
  getPluralRules: (...a: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...a),
};
const leaves = (o: unknown, prefix = ''): [string, unknown][] =>
  o && typeof o === 'object' && !Array.isArray(o) ? Object.entries(o).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)) : [[prefix, o]];

describe('precompiled messages', () => {
  it('compiles every message of every locale, keeping the keys', () => {
    for (const locale of ['en', 'ru']) {
      const raw = load(locale);
      const compiled = compileMessages(raw);
      expect(leaves(compiled).map(([k]) => k)).toEqual(leaves(raw).map(([k]) => k));
    }
  });

  it('builds only plain objects and arrays, which the server may pass to client components', () => {
    const plain = (v: unknown): boolean =>
      Array.isArray(v) ? v.every(plain) : v && typeof v === 'object' ? Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain) : true;
    expect(plain(compileMessages(load('en')))).toBe(true);
    expect(plain(compileMessages(load('ru')))).toBe(true);
  });

  it('formats as the ICU runtime it replaces does: arguments, numbers, plurals, selects', () => {
    const cases: [string, string, Record<string, string | number>][] = [
      ['en', 'Plain text', {}],
      ['en', 'Speed {rate}×', { rate: 1.25 }],
      ['en', '{rate, number}×', { rate: 1.5 }],
      ['en', '{count, plural, one {# lesson} other {# lessons}}', { count: 1 }],
      ['en', '{count, plural, =0 {none} one {# lesson} other {# lessons}}', { count: 0 }],
      ['ru', '{count, plural, one {# урок} few {# урока} many {# уроков} other {# урока}}', { count: 5 }],
      ['en', '{kind, select, video {Watch} other {Read}} it', { kind: 'video' }],
    ];
    for (const [locale, message, values] of cases) {
      const ours = format(compileMessages({ m: message }).m, locale, values, { formatters, timeZone: 'UTC' });
      expect(ours).toBe(new IntlMessageFormat(message, locale).format(values));
    }
  });
});
