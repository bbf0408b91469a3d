'use server';

import { revalidatePath } from 'next/cache';
import { authedAction } from '@/lib/action';
import { updateLesson } from './mutations';
import { updateLessonSchema } from './schemas';

export const updateLessonAction = authedAction('updateLesson', { schema: updateLessonSchema, roles: ['author', 'admin'] }, async (input, ctx) => {
  const r = await updateLesson(ctx.actor, input, ctx);
  revalidatePath(`/courses/${input.courseId}/outline`);
  return r;
});
