'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { authedAction } from '@/lib/action';
import { AppError } from '@/lib/errors';
import { isMessageKey } from '@/lib/validation';
import {
  archiveCourse,
  createCourse,
  deleteCourse,
  duplicateCourse,
  inviteEditor,
  PublishBlockedError,
  publishCourse,
  removeEditor,
  restoreCourse,
  transferOwnership,
  unpublishCourse,
  updateCourseSettings,
} from './mutations';
import { courseIdSchema, courseMemberSchema, createCourseSchema, deleteCourseSchema, inviteEditorSchema, updateCourseSettingsSchema } from './schemas';

// Authoring is for authors and admins; the role on the course itself is checked by each mutation.
const roles = ['author', 'admin'] as const;

function revalidateCourse(courseId: string) {
  revalidatePath('/courses');
  revalidatePath(`/courses/${courseId}/settings`);
  revalidatePath(`/courses/${courseId}/outline`);
}

/**
 * Mutations speak in i18n keys (`courseValidation.*`); the action answers in the viewer's language.
 * A refused publish carries its reasons as `fieldErrors.publish`, already translated with their parameters.
 */
async function localized<R>(run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const t = await getTranslations();
    if (e instanceof PublishBlockedError) {
      throw new AppError('CONFLICT', t('courseValidation.publishBlocked'), { fieldErrors: { publish: e.problems.map((p) => t(p.key as never, p.params as never)) } });
    }
    if (isMessageKey(e.message)) throw new AppError(e.code, t(e.message as never), e.extra);
    throw e;
  }
}

export const createCourseAction = authedAction('createCourse', { schema: createCourseSchema, roles }, async (input, ctx) => {
  const course = await createCourse(ctx.actor, input, ctx);
  revalidatePath('/courses');
  return course;
});

export const updateCourseSettingsAction = authedAction('updateCourseSettings', { schema: updateCourseSettingsSchema, roles }, async (input, ctx) => {
  const r = await localized(() => updateCourseSettings(ctx.actor, input, ctx));
  revalidateCourse(input.courseId);
  return r;
});

export const inviteEditorAction = authedAction('inviteEditor', { schema: inviteEditorSchema, roles }, async (input, ctx) => {
  const r = await localized(() => inviteEditor(ctx.actor, input, ctx));
  revalidateCourse(input.courseId);
  return r;
});

export const removeEditorAction = authedAction('removeEditor', { schema: courseMemberSchema, roles }, async (input, ctx) => {
  const r = await localized(() => removeEditor(ctx.actor, input, ctx));
  revalidateCourse(input.courseId);
  return r;
});

export const transferOwnershipAction = authedAction('transferOwnership', { schema: courseMemberSchema, roles }, async (input, ctx) => {
  const r = await localized(() => transferOwnership(ctx.actor, input, ctx));
  revalidateCourse(input.courseId);
  return r;
});

export const duplicateCourseAction = authedAction('duplicateCourse', { schema: courseIdSchema, roles }, async (input, ctx) => {
  const copy = await localized(() => duplicateCourse(ctx.actor, input.courseId, ctx));
  revalidatePath('/courses');
  return copy;
});

export const archiveCourseAction = authedAction('archiveCourse', { schema: courseIdSchema, roles }, async (input, ctx) => {
  const r = await localized(() => archiveCourse(ctx.actor, input.courseId, ctx));
  revalidateCourse(input.courseId);
  return r;
});

export const restoreCourseAction = authedAction('restoreCourse', { schema: courseIdSchema, roles }, async (input, ctx) => {
  const r = await localized(() => restoreCourse(ctx.actor, input.courseId, ctx));
  revalidateCourse(input.courseId);
  return r;
});

export const publishCourseAction = authedAction('publishCourse', { schema: courseIdSchema, roles }, async (input, ctx) => {
  const r = await localized(() => publishCourse(ctx.actor, input.courseId, ctx));
  revalidateCourse(input.courseId);
  return r;
});

export const unpublishCourseAction = authedAction('unpublishCourse', { schema: courseIdSchema, roles }, async (input, ctx) => {
  const r = await localized(() => unpublishCourse(ctx.actor, input.courseId, ctx));
  revalidateCourse(input.courseId);
  return r;
});

export const deleteCourseAction = authedAction('deleteCourse', { schema: deleteCourseSchema, roles }, async (input, ctx) => {
  const r = await localized(() => deleteCourse(ctx.actor, input, ctx));
  revalidatePath('/courses');
  return r;
});
