import { z } from 'zod';

const uuid = z.uuid('validation.invalid');

export const lessonRefSchema = z.object({ courseId: uuid, lessonId: uuid });
export const unlockLessonSchema = z.object({ courseId: uuid, lessonId: uuid, userId: uuid, reason: z.string().trim().max(500, 'validation.tooLong').default('') });
export const playbackPrefsSchema = z
  .object({
    rate: z.number().min(0.5).max(2).optional(),
    captionLang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/).nullable().optional(),
  })
  .refine((v) => v.rate !== undefined || v.captionLang !== undefined, 'validation.required');
