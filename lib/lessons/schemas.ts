import { z } from 'zod';
import { lessonStatuses } from '@/lib/course-constants';
import { titleSchema } from '@/lib/outline/schemas';

export const CONTENT_HTML_MAX = 1_000_000;

const completionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('view') }),
  z.object({ kind: z.literal('video_coverage'), percent: z.coerce.number().int('validation.invalid').min(1, 'validation.percentRange').max(100, 'validation.percentRange') }),
  z.object({ kind: z.literal('quiz_passed') }),
  z.object({ kind: z.literal('homework_accepted') }),
]);

const drip = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('days'), days: z.coerce.number().int('validation.invalid').min(0, 'validation.dripDaysRange').max(3650, 'validation.dripDaysRange') }),
  z.object({ mode: z.literal('date'), date: z.iso.date('validation.invalid') }),
]);

export const updateLessonSchema = z.object({
  courseId: z.uuid(),
  lessonId: z.uuid(),
  title: titleSchema,
  description: z.string().max(5000, 'validation.tooLong').default(''),
  status: z.enum(lessonStatuses, 'validation.invalid'),
  isFreePreview: z.boolean(),
  durationSeconds: z.coerce.number().int('validation.invalid').min(0, 'validation.durationRange').max(24 * 3600, 'validation.durationRange').nullable(),
  completionRule: completionRuleSchema,
  drip,
  contentHtml: z.string().max(CONTENT_HTML_MAX, 'validation.contentTooLarge').default(''),
});
export type UpdateLessonInput = z.infer<typeof updateLessonSchema>;

/** Which completion rules make sense for a lesson type (the player and assessments enforce them). */
export const completionKindsFor = {
  video: ['video_coverage', 'view'],
  text: ['view'],
  quiz: ['quiz_passed', 'view'],
  homework: ['homework_accepted', 'view'],
  pdf: ['view'],
} as const;
