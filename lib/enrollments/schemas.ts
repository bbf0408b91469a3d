import { z } from 'zod';
import { inviteTokenSchema } from '@/lib/catalog/schemas';

const courseId = z.uuid('validation.invalid');

export const courseIdSchema = z.object({ courseId });
export type CourseIdInput = z.infer<typeof courseIdSchema>;

export const joinWithInviteSchema = z.object({ courseId, token: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong') });
export type JoinWithInviteInput = z.infer<typeof joinWithInviteSchema>;

// ~1,000 rows of long addresses plus other CSV columns; larger bodies are refused before parsing.
export const ADD_STUDENTS_MAX_CHARS = 1_000_000;

/** Either a pasted list (`text`) or the text of an uploaded CSV file (`csv`), read in the browser. */
export const addStudentsSchema = z.object({
  courseId,
  format: z.enum(['text', 'csv'], 'validation.invalid'),
  content: z.string({ error: 'validation.required' }).max(ADD_STUDENTS_MAX_CHARS, 'validation.tooLong'),
});
export type AddStudentsInput = z.infer<typeof addStudentsSchema>;

export const removeStudentSchema = z.object({ courseId, userId: z.uuid('validation.invalid') });
export type RemoveStudentInput = z.infer<typeof removeStudentSchema>;

export const cancelInviteSchema = z.object({ courseId, email: z.string().trim().toLowerCase().min(1, 'validation.required').max(254, 'validation.emailTooLong') });

export const STUDENTS_PAGE_SIZE = 50;
export const listStudentsSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export { inviteTokenSchema };
