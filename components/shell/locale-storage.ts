import { locales, type Locale } from '@/lib/constants';
import { LOCALE_COOKIE, LOCALE_STORAGE_KEY, THEME_STORAGE_KEY } from '@/lib/constants';
import type { Theme } from '@/lib/constants';

// Browser-side storage of a visitor's preferences. The cookie lets the server render the right
// language; localStorage is the visitor's own record that is merged into the account on sign-in.
export function readLocalLocale(): Locale | null {
  try {
    const v = localStorage.getItem(LOCALE_STORAGE_KEY);
    return locales.includes(v as Locale) ? (v as Locale) : null;
  } catch {
    return null;
  }
}

export function readLocalTheme(): Theme | null {
  try {
    const v = localStorage.getItem(THEME_STORAGE_KEY);
    return v === 'light' || v === 'dark' || v === 'system' ? v : null;
  } catch {
    return null;
  }
}

export function applyLocale(locale: Locale) {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    /* private mode: the cookie still works */
  }
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}
