// Value lists shared by the database schema, zod schemas and client components (no imports here,
// so client bundles never pull in the ORM).
export const platformRoles = ['admin', 'author', 'moderator', 'student'] as const;
export type PlatformRole = (typeof platformRoles)[number];

export const themes = ['light', 'dark', 'system'] as const;
export type Theme = (typeof themes)[number];

export const locales = ['en', 'ru'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

// Where the language and theme choices are kept (cookie for the server, localStorage for the pre-paint
// script). Here rather than in preferences/schemas.ts so the root layout's client code needs no zod.
export const LOCALE_COOKIE = 'NEXT_LOCALE';
export const THEME_STORAGE_KEY = 'theme';
export const LOCALE_STORAGE_KEY = 'lectern-locale';
