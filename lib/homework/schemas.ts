import { z } from 'zod';
import { ATTACHMENTS_PER_MESSAGE } from '@/lib/attachments/constants';

const id = z.uuid('validation.invalid');
export const MESSAGE_MAX_CHARS = 20_000;
const body = z.string().max(MESSAGE_MAX_CHARS, 'validation.tooLong').default('');
const attachmentIds = z.array(id).max(ATTACHMENTS_PER_MESSAGE, 'homework.tooManyFiles').default([]);

export const submitHomeworkSchema = z.object({ courseId: id, lessonId: id, body, attachmentIds });
export type SubmitHomeworkInput = z.infer<typeof submitHomeworkSchema>;

export const reviewDecisions = ['comment', 'return', 'accept'] as const;
export const reviewHomeworkSchema = z.object({
  submissionId: id,
  decision: z.enum(reviewDecisions),
  body,
  attachmentIds,
  grade: z.coerce.number().int('homework.gradeRange').min(0, 'homework.gradeRange').max(100, 'homework.gradeRange').nullable().default(null),
});
export type ReviewHomeworkInput = z.infer<typeof reviewHomeworkSchema>;

export const claimHomeworkSchema = z.object({ submissionId: id, release: z.boolean().default(false) });

export const inboxFilterSchema = z.object({
  status: z.enum(['submitted', 'needs_revision', 'accepted', 'all']).catch('submitted'),
  courseId: id.optional().catch(undefined),
  lessonId: id.optional().catch(undefined),
  student: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1),
});
export type InboxFilter = z.infer<typeof inboxFilterSchema>;

export const createAttachmentSchema = z.object({
  courseId: id,
  lessonId: id,
  /** The thread's student; omitted by the student (their own thread). */
  studentId: id.optional(),
  filename: z.string().trim().min(1, 'validation.required').max(255, 'validation.tooLong'),
  type: z.string().max(255).default(''),
  size: z.number().int().min(0),
});
export type CreateAttachmentInput = z.infer<typeof createAttachmentSchema>;
