'use server';

import { revalidatePath } from 'next/cache';
import { authedAction } from '@/lib/action';
import { markNotificationsRead } from './mutations';
import { markNotificationsReadSchema } from './schemas';

export const markNotificationsReadAction = authedAction('markNotificationsRead', { schema: markNotificationsReadSchema }, async (input, ctx) => {
  const r = await markNotificationsRead(ctx.actor, input.ids);
  revalidatePath('/notifications');
  return r;
});
