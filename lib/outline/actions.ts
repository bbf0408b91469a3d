'use server';

import { authedAction } from '@/lib/action';
import { createLesson, createModule, deleteLessons, deleteModule, moveLessons, moveModule, renameLesson, renameModule, undoOrRedo } from './mutations';
import {
  createLessonSchema,
  createModuleSchema,
  deleteLessonsSchema,
  deleteModuleSchema,
  moveLessonsSchema,
  moveModuleSchema,
  renameLessonSchema,
  renameModuleSchema,
  undoRedoSchema,
} from './schemas';

// Platform role first (students and moderators never reach the mutation); the course role is
// checked inside each mutation against the database.
const roles = ['author', 'admin'] as const;

export const createModuleAction = authedAction('createModule', { schema: createModuleSchema, roles }, (input, ctx) => createModule(ctx.actor, input, ctx));
export const renameModuleAction = authedAction('renameModule', { schema: renameModuleSchema, roles }, (input, ctx) => renameModule(ctx.actor, input, ctx));
export const deleteModuleAction = authedAction('deleteModule', { schema: deleteModuleSchema, roles }, (input, ctx) => deleteModule(ctx.actor, input, ctx));
export const moveModuleAction = authedAction('moveModule', { schema: moveModuleSchema, roles }, (input, ctx) => moveModule(ctx.actor, input, ctx));
export const createLessonAction = authedAction('createLesson', { schema: createLessonSchema, roles }, (input, ctx) => createLesson(ctx.actor, input, ctx));
export const renameLessonAction = authedAction('renameLesson', { schema: renameLessonSchema, roles }, (input, ctx) => renameLesson(ctx.actor, input, ctx));
export const deleteLessonsAction = authedAction('deleteLessons', { schema: deleteLessonsSchema, roles }, (input, ctx) => deleteLessons(ctx.actor, input, ctx));
export const moveLessonsAction = authedAction('moveLessons', { schema: moveLessonsSchema, roles }, (input, ctx) => moveLessons(ctx.actor, input, ctx));
export const undoOutlineAction = authedAction('undoOutline', { schema: undoRedoSchema, roles }, (input, ctx) => undoOrRedo(ctx.actor, input, 'undo', ctx));
export const redoOutlineAction = authedAction('redoOutline', { schema: undoRedoSchema, roles }, (input, ctx) => undoOrRedo(ctx.actor, input, 'redo', ctx));
