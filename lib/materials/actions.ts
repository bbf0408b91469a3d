'use server';

import { revalidatePath } from 'next/cache';
import { authedAction } from '@/lib/action';
import { clearSearchHistory, deleteMaterial, reextractMaterial, renameMaterial } from './mutations';
import { clearSearchHistorySchema, materialIdSchema, renameMaterialSchema } from './schemas';

const authors = ['author', 'admin'] as const;
const editorPath = (r: { courseId: string; lessonId: string | null }) => (r.lessonId ? `/courses/${r.courseId}/lessons/${r.lessonId}` : `/courses/${r.courseId}/materials`);

/** The mutation checks the editor role on the material's course. */
export const deleteMaterialAction = authedAction('deleteMaterial', { schema: materialIdSchema, roles: authors }, async (input, ctx) => {
  const r = await deleteMaterial(ctx.actor, input.materialId, ctx);
  revalidatePath(editorPath(r));
  return { deleted: true };
});

export const renameMaterialAction = authedAction('renameMaterial', { schema: renameMaterialSchema, roles: authors }, async (input, ctx) => {
  const r = await renameMaterial(ctx.actor, input);
  revalidatePath(editorPath(r));
  return { renamed: true };
});

export const reextractMaterialAction = authedAction('reextractMaterial', { schema: materialIdSchema, roles: authors }, async (input, ctx) => {
  const r = await reextractMaterial(ctx.actor, input.materialId);
  revalidatePath(editorPath(r));
  return { queued: true };
});

/** Any signed-in user; only the caller's own history is touched. */
export const clearSearchHistoryAction = authedAction('clearSearchHistory', { schema: clearSearchHistorySchema }, (input, ctx) => clearSearchHistory(ctx.actor, input.courseId));
