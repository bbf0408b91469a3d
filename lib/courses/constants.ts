// Value lists for course settings, shared by zod schemas and client forms (no server imports).

/** ISO 639-1 codes offered for a course's language; a short list on purpose (extend as needed). */
export const courseLanguages = ['en', 'ru', 'uk', 'kk', 'de', 'fr', 'es', 'it', 'pt', 'pl', 'tr', 'zh', 'ja', 'ko', 'ar'] as const;
export type CourseLanguage = (typeof courseLanguages)[number];

export const SHORT_DESCRIPTION_MAX = 300;
export const DESCRIPTION_MAX = 20_000;
export const COVER_URL_MAX = 2000;
export const TAGS_MAX = 10;
export const TAG_MAX = 30;
