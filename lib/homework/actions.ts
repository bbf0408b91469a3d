'use server';

import { revalidatePath } from 'next/cache';
import { authedAction } from '@/lib/action';
import { claimHomework, reviewHomework, submitHomework } from './mutations';
import { claimHomeworkSchema, reviewHomeworkSchema, submitHomeworkSchema } from './schemas';

const teachers = ['author', 'admin'] as const;

/** Any signed-in user may call it; the mutation checks enrollment and that the lesson is open. */
export const submitHomeworkAction = authedAction('submitHomework', { schema: submitHomeworkSchema }, (input, ctx) => submitHomework(ctx.actor, input, ctx));

export const reviewHomeworkAction = authedAction('reviewHomework', { schema: reviewHomeworkSchema, roles: teachers }, async (input, ctx) => {
  const r = await reviewHomework(ctx.actor, input, ctx);
  revalidatePath('/inbox');
  return r;
});

export const claimHomeworkAction = authedAction('claimHomework', { schema: claimHomeworkSchema, roles: teachers }, (input, ctx) => claimHomework(ctx.actor, input));
