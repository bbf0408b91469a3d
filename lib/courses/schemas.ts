import { z } from 'zod';
import { courseLevels, courseVisibilities, SLUG_MAX, TITLE_MAX } from '@/lib/course-constants';
import { emailSchema } from '@/lib/users/schemas';
import { COVER_URL_MAX, courseLanguages, DESCRIPTION_MAX, SHORT_DESCRIPTION_MAX, TAG_MAX, TAGS_MAX } from './constants';
import { SLUG_PATTERN } from './slug';
import { normalizeTags } from './tags';

// Messages are i18n keys (messages/*/courseValidation.json, validation.json); forms and actions share these schemas.

const courseId = z.uuid('validation.invalid');

export const courseTitleSchema = z
  .string({ error: 'courseValidation.titleRequired' })
  .trim()
  .min(1, 'courseValidation.titleRequired')
  .max(TITLE_MAX, 'courseValidation.titleTooLong');

export const slugSchema = z
  .string({ error: 'courseValidation.slugRequired' })
  .trim()
  .toLowerCase()
  .min(1, 'courseValidation.slugRequired')
  .max(SLUG_MAX, 'courseValidation.slugTooLong')
  .regex(SLUG_PATTERN, 'courseValidation.slugInvalid');

export const languageSchema = z.enum(courseLanguages, 'courseValidation.languageInvalid');

/** A comma-separated string (the form) or an array (API callers) → normalized tags within the limits. */
export const tagsSchema = z
  .union([z.string().max(TAGS_MAX * (TAG_MAX + 2) * 4, 'courseValidation.tooManyTags'), z.array(z.string().max(200, 'courseValidation.tagTooLong')).max(100, 'courseValidation.tooManyTags')])
  .transform((v) => normalizeTags(v))
  .pipe(
    z
      .array(z.string())
      .max(TAGS_MAX, 'courseValidation.tooManyTags')
      .refine((tags) => tags.every((t) => t.length <= TAG_MAX), 'courseValidation.tagTooLong'),
  );

/** An http(s) URL, or empty for "no cover" (stored as null). */
export const coverImageUrlSchema = z
  .union([
    z.null(),
    z
      .string()
      .trim()
      .max(COVER_URL_MAX, 'courseValidation.urlTooLong')
      .pipe(z.union([z.literal(''), z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: 'courseValidation.urlInvalid' })], { error: 'courseValidation.urlInvalid' })),
  ])
  .transform((v) => v || null);

export const createCourseSchema = z.object({
  title: courseTitleSchema,
  language: languageSchema.default('en'),
});
export type CreateCourseInput = z.infer<typeof createCourseSchema>;

// Every settings field is optional: the form sends them all, API callers may send only what changes.
export const updateCourseSettingsSchema = z.object({
  courseId,
  title: courseTitleSchema.optional(),
  slug: slugSchema.optional(),
  shortDescription: z.string().trim().max(SHORT_DESCRIPTION_MAX, 'courseValidation.shortDescriptionTooLong').optional(),
  // Plain text or Markdown, stored as typed: whoever renders it must escape it (it is never HTML).
  description: z.string().max(DESCRIPTION_MAX, 'courseValidation.descriptionTooLong').optional(),
  coverImageUrl: coverImageUrlSchema.optional(),
  language: languageSchema.optional(),
  level: z.enum(courseLevels, 'validation.invalid').optional(),
  tags: tagsSchema.optional(),
  visibility: z.enum(courseVisibilities, 'validation.invalid').optional(),
  // From a select ("any order" / "in sequence"): a checkbox would send nothing when cleared.
  isSequential: z
    .union([z.boolean(), z.enum(['true', 'false'], 'validation.invalid').transform((v) => v === 'true')])
    .optional(),
});
export type UpdateCourseSettingsInput = z.infer<typeof updateCourseSettingsSchema>;

export const courseIdSchema = z.object({ courseId });
export type CourseIdInput = z.infer<typeof courseIdSchema>;

export const inviteEditorSchema = z.object({ courseId, email: emailSchema });
export type InviteEditorInput = z.infer<typeof inviteEditorSchema>;

export const courseMemberSchema = z.object({ courseId, userId: z.uuid('validation.invalid') });
export type CourseMemberInput = z.infer<typeof courseMemberSchema>;

export const deleteCourseSchema = z.object({
  courseId,
  // Compared with the stored title in the mutation; the cap only stops oversized input.
  confirmTitle: z.string({ error: 'courseValidation.confirmTitleMismatch' }).trim().min(1, 'courseValidation.confirmTitleMismatch').max(TITLE_MAX + 50, 'courseValidation.confirmTitleMismatch'),
});
export type DeleteCourseInput = z.infer<typeof deleteCourseSchema>;

export const listCoursesSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
