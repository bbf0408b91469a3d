import { z } from 'zod';
import { CAPTION_LANG_PATTERN } from '@/lib/video-constants';

const uuid = z.uuid('validation.invalid');

export const createUploadSchema = z.object({
  courseId: uuid,
  lessonId: uuid.optional(),
  filename: z.string().trim().min(1, 'validation.required').max(255, 'validation.tooLong'),
  type: z.string().max(100).default(''),
  size: z.coerce.number().int('validation.invalid').min(0, 'validation.invalid'),
});
export type CreateUploadInput = z.output<typeof createUploadSchema>;

/** Identifies one multipart upload; every call must name the key and upload id the server issued. */
export const uploadRefSchema = z.object({
  key: z.string().min(1).max(400),
  uploadId: z.string().min(1).max(1000),
});
export type UploadRef = z.output<typeof uploadRefSchema>;

export const signPartSchema = uploadRefSchema.extend({
  partNumber: z.coerce.number().int().min(1).max(10_000),
});

export const videoIdSchema = z.object({ videoId: uuid });

export const attachVideoSchema = z.object({ lessonId: uuid, videoId: uuid.nullable() });
export const deleteVideoSchema = z.object({ videoId: uuid });
export const retryVideoSchema = z.object({ videoId: uuid });
export const renameVideoSchema = z.object({ videoId: uuid, filename: z.string().trim().min(1, 'validation.required').max(255, 'validation.tooLong') });

export const captionUploadSchema = z.object({
  lang: z.string().trim().regex(CAPTION_LANG_PATTERN, 'videos.captionLangInvalid'),
  label: z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong'),
});
export const deleteCaptionSchema = z.object({ captionId: uuid });
export const deleteCourseMediaSchema = z.object({ courseId: uuid, confirm: z.literal('DELETE', { error: 'videos.confirmDelete' }) });
