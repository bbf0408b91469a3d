import { z } from 'zod';
import { type CompletionRule, courseLevels, courseVisibilities, lessonStatuses, lessonTypes, SLUG_MAX, TITLE_MAX } from '@/lib/course-constants';
import { COVER_URL_MAX, courseLanguages, DESCRIPTION_MAX, SHORT_DESCRIPTION_MAX, TAG_MAX, TAGS_MAX } from '@/lib/courses/constants';
import { SLUG_PATTERN } from '@/lib/courses/slug';
import { normalizeTags } from '@/lib/courses/tags';

// The course file, version 1 (documented in docs/course-format.md; keep the two in step).
// Pure: no server imports, so the validator is unit-tested and the page may show the limits.
// Every zod message here is a problem code (see `problemCodes`); validate.ts turns issues into
// `{ path, code, params, message }` with English text from messages/en/courseTransfer.json.

export const COURSE_FILE_FORMAT = 'lectern.course';
export const COURSE_FILE_VERSION = 1;
/** Versions this build reads. A breaking change to the format adds a version here. */
export const SUPPORTED_VERSIONS: readonly number[] = [1];

export const COURSE_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const MODULES_MAX = 500;
export const LESSONS_MAX = 5000;
export const CONTENT_HTML_MAX_BYTES = 1024 * 1024;
export const LESSON_DESCRIPTION_MAX = DESCRIPTION_MAX;
export const MEDIA_PER_LESSON_MAX = 50;
/** A lesson may not claim to last longer than a week. */
export const DURATION_MAX_SECONDS = 7 * 24 * 60 * 60;
export const DRIP_DAYS_MAX = 3650;
export const MEDIA_SIZE_MAX = 50 * 1024 * 1024 * 1024;

export const problemCodes = [
  'tooLarge',
  'notJson',
  'notObject',
  'wrongFormat',
  'unsupportedVersion',
  'required',
  'invalidType',
  'invalid',
  'invalidOption',
  'tooLong',
  'tooManyItems',
  'outOfRange',
  'titleRequired',
  'titleTooLong',
  'unknownLessonType',
  'invalidSlug',
  'invalidUrl',
  'invalidDate',
  'invalidLanguage',
  'invalidTag',
  'invalidCompletionRule',
  'invalidSha256',
  'htmlTooLarge',
  'tooManyModules',
  'tooManyLessons',
  'moreProblems',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/** One thing wrong with a file: where (a JSON path such as `$.modules[2].title`) and what. */
export type CourseFileProblem = { path: string; code: ProblemCode; params?: Record<string, string | number>; message: string };

// A missing key is "required"; a value of the wrong JSON type is "invalidType" (with the expected type).
const typeError = (iss: { input?: unknown }) => (iss.input === undefined ? 'required' : 'invalidType');
const object = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: typeError });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, code: ProblemCode = 'invalidOption') =>
  z.enum(values, { error: (iss) => (iss.input === undefined ? 'required' : code) });

const utf8Length = (s: string) => (s.length * 3 <= CONTENT_HTML_MAX_BYTES ? s.length : new TextEncoder().encode(s).length);

const titleSchema = z.string({ error: typeError }).trim().min(1, 'titleRequired').max(TITLE_MAX, 'titleTooLong');
const text = (max: number) => z.string({ error: typeError }).max(max, 'tooLong');
const intIn = (min: number, max: number) =>
  z.number({ error: typeError }).refine((n) => Number.isInteger(n) && n >= min && n <= max, { message: 'outOfRange', params: { min, max } });
const isoDateTime = z.iso.datetime({ offset: true, error: (iss) => (iss.input === undefined ? 'required' : typeof iss.input === 'string' ? 'invalidDate' : 'invalidType') });
const httpUrl = z
  .string({ error: typeError })
  .max(COVER_URL_MAX, 'tooLong')
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: 'invalidUrl' }));

/**
 * A file the lesson needs (filled by the media issue; always `[]` in files this version writes).
 * `key` names the object in the exporting installation's storage; `sha256` lets an importer
 * match a file the author uploads again. Readers of version 1 validate and ignore these.
 */
export const mediaRefSchema = object({
  kind: oneOf(['video', 'pdf']),
  key: z.string({ error: typeError }).min(1, 'required').max(500, 'tooLong'),
  filename: z.string({ error: typeError }).min(1, 'required').max(255, 'tooLong'),
  size: intIn(0, MEDIA_SIZE_MAX),
  sha256: z
    .string({ error: typeError })
    .regex(/^[a-f0-9]{64}$/, 'invalidSha256')
    .optional(),
});
export type MediaRef = z.output<typeof mediaRefSchema>;

export const completionRuleKinds = ['view', 'video_coverage', 'quiz_passed', 'homework_accepted'] as const satisfies readonly CompletionRule['kind'][];

export const completionRuleSchema = z.discriminatedUnion(
  'kind',
  [
    object({ kind: z.literal('view') }),
    object({ kind: z.literal('video_coverage'), percent: intIn(1, 100) }),
    object({ kind: z.literal('quiz_passed') }),
    object({ kind: z.literal('homework_accepted') }),
  ],
  { error: (iss) => (iss.input === undefined ? 'required' : 'invalidCompletionRule') },
);

export const lessonFileSchema = object({
  title: titleSchema,
  type: oneOf(lessonTypes, 'unknownLessonType'),
  status: oneOf(lessonStatuses).default('draft'),
  isFreePreview: z.boolean({ error: typeError }).default(false),
  description: text(LESSON_DESCRIPTION_MAX).default(''),
  // Sanitized on import like every stored lesson HTML; the limit is on the UTF-8 size.
  contentHtml: z
    .string({ error: typeError })
    .refine((s) => utf8Length(s) <= CONTENT_HTML_MAX_BYTES, { message: 'htmlTooLarge', params: { maxMb: CONTENT_HTML_MAX_BYTES / 1024 / 1024 } })
    .default(''),
  durationSeconds: intIn(0, DURATION_MAX_SECONDS).nullable().default(null),
  completionRule: completionRuleSchema.default({ kind: 'view' }),
  dripDays: intIn(0, DRIP_DAYS_MAX).nullable().default(null),
  dripDate: isoDateTime.nullable().default(null),
  media: z.array(mediaRefSchema, { error: typeError }).max(MEDIA_PER_LESSON_MAX, 'tooManyItems').default([]),
});
export type LessonFile = z.output<typeof lessonFileSchema>;

export const moduleFileSchema = object({
  title: titleSchema,
  lessons: z.array(lessonFileSchema, { error: typeError }).max(LESSONS_MAX, 'tooManyItems').default([]),
});
export type ModuleFile = z.output<typeof moduleFileSchema>;

export const courseInfoSchema = object({
  title: titleSchema,
  // Optional: without it the importer derives one from the title. Taken slugs get -2, -3….
  slug: z
    .string({ error: typeError })
    .max(SLUG_MAX, 'invalidSlug')
    .regex(SLUG_PATTERN, 'invalidSlug')
    .optional(),
  shortDescription: text(SHORT_DESCRIPTION_MAX).default(''),
  description: text(DESCRIPTION_MAX).default(''),
  coverImageUrl: httpUrl.nullable().default(null),
  language: oneOf(courseLanguages, 'invalidLanguage').default('en'),
  level: oneOf(courseLevels).default('all'),
  tags: z
    .array(z.string({ error: typeError }).trim().min(1, 'invalidTag').max(TAG_MAX, 'invalidTag'), { error: typeError })
    .transform((tags) => normalizeTags(tags))
    .pipe(z.array(z.string()).max(TAGS_MAX, 'tooManyItems'))
    .default([]),
  visibility: oneOf(courseVisibilities).default('public'),
});
export type CourseInfo = z.output<typeof courseInfoSchema>;

export const courseFileSchema = object({
  format: z.literal(COURSE_FILE_FORMAT, { error: (iss) => (iss.input === undefined ? 'required' : 'wrongFormat') }),
  version: z.literal(COURSE_FILE_VERSION, { error: (iss) => (iss.input === undefined ? 'required' : 'unsupportedVersion') }),
  exportedAt: isoDateTime.optional(),
  course: courseInfoSchema,
  modules: z.array(moduleFileSchema, { error: typeError }).max(MODULES_MAX, 'tooManyModules'),
});

/** A validated course file (defaults filled in, tags normalized). */
export type CourseFile = z.output<typeof courseFileSchema>;
