'use server';

import { revalidatePath } from 'next/cache';
import { authedAction } from '@/lib/action';
import { deleteQuestion, gradeAttempt, moveQuestion, saveAnswers, saveQuestion, startAttempt, submitAttempt, updateQuizSettings } from './mutations';
import { gradeAttemptSchema, lessonRefSchema, moveQuestionSchema, questionRefSchema, quizSettingsSchema, saveAnswersSchema, saveQuestionSchema, submitAttemptSchema } from './schemas';

const staff = ['author', 'admin'] as const;
const editorPath = (courseId: string, lessonId: string) => `/courses/${courseId}/lessons/${lessonId}`;

export const updateQuizSettingsAction = authedAction('updateQuizSettings', { schema: quizSettingsSchema, roles: staff }, async (input, ctx) => {
  const r = await updateQuizSettings(ctx.actor, input, ctx);
  revalidatePath(editorPath(input.courseId, input.lessonId));
  return r;
});

export const saveQuestionAction = authedAction('saveQuestion', { schema: saveQuestionSchema, roles: staff }, async (input, ctx) => {
  const r = await saveQuestion(ctx.actor, input);
  revalidatePath(editorPath(input.courseId, input.lessonId));
  return r;
});

export const deleteQuestionAction = authedAction('deleteQuestion', { schema: questionRefSchema, roles: staff }, async (input, ctx) => {
  const r = await deleteQuestion(ctx.actor, input);
  revalidatePath(editorPath(input.courseId, input.lessonId));
  return r;
});

export const moveQuestionAction = authedAction('moveQuestion', { schema: moveQuestionSchema, roles: staff }, (input, ctx) => moveQuestion(ctx.actor, input));

export const gradeQuizAttemptAction = authedAction('gradeQuizAttempt', { schema: gradeAttemptSchema, roles: staff }, async (input, ctx) => {
  const r = await gradeAttempt(ctx.actor, input);
  revalidatePath('/learn', 'layout');
  return r;
});

export const startQuizAttemptAction = authedAction('startQuizAttempt', { schema: lessonRefSchema }, (input, ctx) => startAttempt(ctx.actor, input));

export const saveQuizAnswersAction = authedAction('saveQuizAnswers', { schema: saveAnswersSchema }, (input, ctx) => saveAnswers(ctx.actor, input));

export const submitQuizAttemptAction = authedAction('submitQuizAttempt', { schema: submitAttemptSchema }, async (input, ctx) => {
  const r = await submitAttempt(ctx.actor, input);
  revalidatePath('/learn', 'layout');
  return r;
});
