'use server';

import { revalidatePath } from 'next/cache';
import { authedAction } from '@/lib/action';
import { attachVideo, deleteCaptions, deleteCourseMediaAsAdmin, deleteVideo, retryVideo } from './mutations';
import { attachVideoSchema, deleteCaptionSchema, deleteCourseMediaSchema, deleteVideoSchema, retryVideoSchema } from './schemas';

const editors = ['author', 'admin'] as const;

export const retryVideoAction = authedAction('retryVideo', { schema: retryVideoSchema, roles: editors }, (input, ctx) => retryVideo(ctx.actor, input, ctx));

export const deleteVideoAction = authedAction('deleteVideo', { schema: deleteVideoSchema, roles: editors }, (input, ctx) => deleteVideo(ctx.actor, input, ctx));

export const attachVideoAction = authedAction('attachVideo', { schema: attachVideoSchema, roles: editors }, (input, ctx) => attachVideo(ctx.actor, input, ctx));

export const deleteCaptionsAction = authedAction('deleteCaptions', { schema: deleteCaptionSchema, roles: editors }, (input, ctx) => deleteCaptions(ctx.actor, input, ctx));

export const deleteCourseMediaAction = authedAction('deleteCourseMedia', { schema: deleteCourseMediaSchema, roles: ['admin'] }, async (input, ctx) => {
  const r = await deleteCourseMediaAsAdmin(ctx.actor, input, ctx);
  revalidatePath('/admin/storage');
  return r;
});
