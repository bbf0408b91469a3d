import fs from 'node:fs';
import path from 'node:path';
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { locales, type Locale } from '@/lib/constants';
import { localeFromAcceptLanguage } from '@/lib/preferences/merge';
import { LOCALE_COOKIE } from '@/lib/preferences/schemas';
import { compileMessages } from './compile';

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

/** messages/<locale>/<namespace>.json → { namespace: … }, precompiled (./compile.ts). One file per domain keeps edits apart. */
export function loadMessages(locale: Locale): Messages {
  const hit = cache.get(locale);
  if (hit) return hit;
  const dir = path.join(process.cwd(), 'messages', locale);
  const out: Messages = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    out[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  }
  const compiled = compileMessages(out);
  if (process.env.NODE_ENV === 'production') cache.set(locale, compiled);
  return compiled;
}

// No locale in URLs: the cookie (set from the user's saved preference or the switcher) decides,
// and on a first visit the browser's Accept-Language does.
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale: Locale = locales.includes(fromCookie as Locale) ? (fromCookie as Locale) : localeFromAcceptLanguage((await headers()).get('accept-language'), locales, 'en');
  return { locale, messages: loadMessages(locale), timeZone: 'UTC' };
});
