'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { authedAction } from '@/lib/action';
import { assertCourseRole } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { inviteUrl } from './invite-token';
import { parseEmailCsv, parseEmailList, MAX_EMAIL_ROWS } from './email-list';
import { addStudents, cancelInvite, joinWithInvite, regenerateInviteToken, removeStudent, selfEnroll, unenroll } from './mutations';
import { addStudentsSchema, cancelInviteSchema, courseIdSchema, joinWithInviteSchema, removeStudentSchema } from './schemas';

const staff = ['author', 'admin'] as const;

/** Refusals from the mutations carry `enrollment.errors.*` keys: turn them into the reader's language. */
async function localized<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof AppError && e.message.startsWith('enrollment.')) {
      const t = await getTranslations();
      throw new AppError(e.code, t(e.message as never), e.extra);
    }
    throw e;
  }
}

const studentsPath = (courseId: string) => `/courses/${courseId}/students`;

export const enrollAction = authedAction('enroll', { schema: courseIdSchema }, async (input, ctx) => {
  const r = await localized(selfEnroll(ctx.actor, input, ctx));
  revalidatePath('/dashboard');
  return r;
});

export const joinCourseAction = authedAction('joinCourse', { schema: joinWithInviteSchema }, async (input, ctx) => {
  const r = await localized(joinWithInvite(ctx.actor, input, ctx));
  revalidatePath('/dashboard');
  return r;
});

export const unenrollAction = authedAction('unenroll', { schema: courseIdSchema }, async (input, ctx) => {
  const r = await unenroll(ctx.actor, input, ctx);
  revalidatePath('/dashboard');
  return r;
});

export const addStudentsAction = authedAction('addStudents', { schema: addStudentsSchema, roles: staff }, async (input, ctx) => {
  // Authorize before reading the list, so a caller without rights learns nothing from parse errors.
  await assertCourseRole(ctx.actor, input.courseId, 'editor');
  const parsed = input.format === 'csv' ? parseEmailCsv(input.content) : parseEmailList(input.content);
  if (parsed.tooMany || (!parsed.emails.length && !parsed.problems.length)) {
    // Field errors that are not `validation.*` keys are shown as they are: send the sentence.
    const t = await getTranslations('enrollment');
    const message = parsed.tooMany ? t('errors.tooManyRows', { max: MAX_EMAIL_ROWS, count: parsed.rowCount }) : t('errors.noEmails');
    throw new AppError('VALIDATION', message, { fieldErrors: { content: [message] } });
  }
  const results = await addStudents(ctx.actor, { courseId: input.courseId, emails: parsed.emails }, ctx);
  revalidatePath(studentsPath(input.courseId));
  const rowOf = new Map(parsed.emails.map((e, i) => [e, parsed.rows[i]!]));
  return { results: results.map((r) => ({ ...r, row: rowOf.get(r.email) ?? 0 })), problems: parsed.problems, rowCount: parsed.rowCount };
});

export const removeStudentAction = authedAction('removeStudent', { schema: removeStudentSchema, roles: staff }, async (input, ctx) => {
  const r = await removeStudent(ctx.actor, input, ctx);
  revalidatePath(studentsPath(input.courseId));
  return r;
});

export const cancelInviteAction = authedAction('cancelInvite', { schema: cancelInviteSchema, roles: staff }, async (input, ctx) => {
  const r = await cancelInvite(ctx.actor, input, ctx);
  revalidatePath(studentsPath(input.courseId));
  return r;
});

export const regenerateInviteLinkAction = authedAction('regenerateInviteLink', { schema: courseIdSchema, roles: staff }, async (input, ctx) => {
  const { token, slug } = await regenerateInviteToken(ctx.actor, input, ctx);
  revalidatePath(studentsPath(input.courseId));
  return { url: inviteUrl(slug, token) };
});
