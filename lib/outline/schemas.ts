import { z } from 'zod';
import { lessonTypes, TITLE_MAX } from '@/lib/course-constants';

// Intent-only inputs: the client says what it wants, the server computes positions.
export const titleSchema = z.string({ error: 'validation.required' }).trim().min(1, 'validation.titleRequired').max(TITLE_MAX, 'validation.titleTooLong');
const id = z.uuid('validation.invalid');
const version = z.coerce.number().int().min(0);
const index = z.coerce.number({ error: 'validation.invalid' }).int('validation.invalid').min(0, 'validation.indexOutOfRange').max(100_000, 'validation.indexOutOfRange');

export const createModuleSchema = z.object({ courseId: id, title: titleSchema, expectedVersion: version });
export const renameModuleSchema = z.object({ courseId: id, moduleId: id, title: titleSchema });
export const deleteModuleSchema = z.object({ courseId: id, moduleId: id, expectedVersion: version });
export const moveModuleSchema = z.object({ courseId: id, moduleId: id, toIndex: index, expectedVersion: version });

export const createLessonSchema = z.object({ courseId: id, moduleId: id, title: titleSchema, type: z.enum(lessonTypes, 'validation.invalid'), expectedVersion: version });
export const renameLessonSchema = z.object({ courseId: id, lessonId: id, title: titleSchema });
export const deleteLessonsSchema = z.object({ courseId: id, lessonIds: z.array(id).min(1, 'validation.required').max(500), expectedVersion: version });
export const moveLessonsSchema = z.object({
  courseId: id,
  lessonIds: z.array(id).min(1, 'validation.required').max(500),
  toModuleId: id,
  toIndex: index,
  expectedVersion: version,
});

export const undoRedoSchema = z.object({ courseId: id, expectedVersion: version });

export type MoveLessonsInput = z.infer<typeof moveLessonsSchema>;
export type MoveModuleInput = z.infer<typeof moveModuleSchema>;
