import 'server-only';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { materialBlocks, materialPages, materialSearches, materials } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { sendDeletePrefix, sendMaterialExtract } from '@/lib/jobs/client';
import { getStorage } from '@/lib/storage';
import { materialAccess } from './access';
import { isPdfType, MATERIAL_URL_TTL_SECONDS, RECENT_SEARCHES_KEPT } from './constants';
import { materialPrefix } from './keys';

type Meta = { ip?: string; requestId?: string };

async function editableMaterial(actor: SessionUser, materialId: string) {
  const row = await db.query.materials.findFirst({ where: eq(materials.id, materialId) });
  if (!row) throw new AppError('NOT_FOUND');
  await assertCourseRole(actor, row.courseId, 'editor');
  return row;
}

/** Deletes a material, its pages and blocks (cascade) and its objects (or queues that). */
export async function deleteMaterial(actor: SessionUser, materialId: string, meta: Meta = {}) {
  const row = await editableMaterial(actor, materialId);
  await db.delete(materials).where(eq(materials.id, materialId));
  await writeAudit(db, { actorId: actor.id, action: 'material.deleted', targetType: 'material', targetId: materialId, data: { courseId: row.courseId, filename: row.filename }, ...meta });
  const storage = getStorage();
  if (row.uploadKey && row.uploadId) await storage.abortMultipartUpload(row.uploadKey, row.uploadId).catch(() => {});
  const prefix = materialPrefix(row.courseId, materialId);
  await storage.deletePrefix(prefix).catch(() => sendDeletePrefix({ prefix, reason: 'material_deleted' }).catch(() => {}));
  return { courseId: row.courseId, lessonId: row.lessonId };
}

export async function renameMaterial(actor: SessionUser, input: { materialId: string; title: string }) {
  const row = await editableMaterial(actor, input.materialId);
  await db.update(materials).set({ title: input.title, updatedAt: new Date() }).where(eq(materials.id, row.id));
  return { courseId: row.courseId, lessonId: row.lessonId };
}

/** Queues extraction of the current file again (after a failure, or to refresh). */
export async function reextractMaterial(actor: SessionUser, materialId: string) {
  const row = await editableMaterial(actor, materialId);
  if (row.status !== 'ready' || !isPdfType(row.contentType)) throw new AppError('VALIDATION', 'Only an uploaded PDF can be extracted');
  if (row.extractStatus === 'processing' || row.extractStatus === 'queued') throw new AppError('CONFLICT', 'Extraction is already running');
  await db.transaction(async (tx) => {
    await tx.delete(materialPages).where(eq(materialPages.materialId, row.id));
    await tx.delete(materialBlocks).where(eq(materialBlocks.materialId, row.id));
    await tx.update(materials).set({ extractStatus: 'queued', extractError: null, pagesDone: 0, blockCount: 0, pageCount: null, updatedAt: new Date() }).where(eq(materials.id, row.id));
  });
  await sendMaterialExtract({ materialId: row.id, revision: row.revision });
  return { courseId: row.courseId, lessonId: row.lessonId };
}

/**
 * A short-lived signed URL of the file (download, or inline for the viewer) or of a page
 * thumbnail, for a viewer allowed to read the material now. Others: NOT_FOUND.
 */
export async function getMaterialFileUrl(viewer: SessionUser | null, materialId: string, opts: { download?: boolean; thumbPage?: number } = {}) {
  const access = await materialAccess(viewer, materialId);
  if (!access.allowed || !access.material.key) throw new AppError('NOT_FOUND');
  const m = access.material;
  if (opts.thumbPage) {
    const page = await db.query.materialPages.findFirst({ where: and(eq(materialPages.materialId, m.id), eq(materialPages.page, opts.thumbPage)) });
    if (!page?.thumbnailKey) throw new AppError('NOT_FOUND');
    return getStorage().presignGet(page.thumbnailKey, { expiresIn: MATERIAL_URL_TTL_SECONDS });
  }
  // The viewer fetches the PDF itself (pdf.js); any other use is a download, never rendered inline.
  return getStorage().presignGet(m.key!, { expiresIn: MATERIAL_URL_TTL_SECONDS, downloadName: opts.download || !isPdfType(m.contentType) ? m.filename : undefined });
}

/** Remembers a search (newest first; only the last few are kept). Caller ran the search for the viewer. */
export async function recordSearch(viewer: SessionUser, courseId: string, query: string) {
  if (!query) return;
  await db
    .insert(materialSearches)
    .values({ userId: viewer.id, courseId, query })
    .onConflictDoUpdate({ target: [materialSearches.userId, materialSearches.courseId, materialSearches.query], set: { searchedAt: sql`now()` } });
  const keep = db
    .select({ id: materialSearches.id })
    .from(materialSearches)
    .where(and(eq(materialSearches.userId, viewer.id), eq(materialSearches.courseId, courseId)))
    .orderBy(sql`${materialSearches.searchedAt} desc`)
    .limit(RECENT_SEARCHES_KEPT);
  await db.delete(materialSearches).where(and(eq(materialSearches.userId, viewer.id), eq(materialSearches.courseId, courseId), notInArray(materialSearches.id, keep)));
}

/** Forgets the viewer's own searches in a course (nobody else's can be named). */
export async function clearSearchHistory(viewer: SessionUser, courseId: string) {
  const rows = await db.delete(materialSearches).where(and(eq(materialSearches.userId, viewer.id), eq(materialSearches.courseId, courseId))).returning({ id: materialSearches.id });
  return { cleared: rows.length };
}
