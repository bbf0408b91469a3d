import type { Locale, Theme } from '@/lib/constants';

export type Preferences = { theme: Theme | null; locale: Locale | null };

/**
 * Preferences kept by a visitor (localStorage) merged into the account's on sign-in:
 * the database wins where both are set; the visitor's fill what the account lacks.
 */
export function mergePreferences(stored: Partial<Preferences> | null, local: Partial<Preferences>): Preferences {
  return {
    theme: stored?.theme ?? local.theme ?? null,
    locale: stored?.locale ?? local.locale ?? null,
  };
}

/** Picks a supported locale from an Accept-Language header (first visit). */
export function localeFromAcceptLanguage(header: string | null | undefined, supported: readonly Locale[], fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0] as Locale;
    if (supported.includes(base)) return base;
  }
  return fallback;
}
