'use server';

import { revalidatePath } from 'next/cache';
import { authedAction } from '@/lib/action';
import { markLessonComplete, unlockLessonForStudent, updatePlaybackPrefs } from './mutations';
import { lessonRefSchema, playbackPrefsSchema, unlockLessonSchema } from './schemas';

export const markLessonCompleteAction = authedAction('markLessonComplete', { schema: lessonRefSchema }, async (input, ctx) => {
  const r = await markLessonComplete(ctx.actor, input);
  revalidatePath('/learn', 'layout');
  return r;
});

export const unlockLessonAction = authedAction('unlockLesson', { schema: unlockLessonSchema, roles: ['author', 'admin'] }, (input, ctx) => unlockLessonForStudent(ctx.actor, input, ctx));

export const updatePlaybackPrefsAction = authedAction('updatePlaybackPrefs', { schema: playbackPrefsSchema }, (input, ctx) => updatePlaybackPrefs(ctx.actor, input));
