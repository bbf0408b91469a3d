import 'server-only';
import { and, eq, isNotNull, lt } from 'drizzle-orm';
import { db } from '@/db/client';
import { materials } from '@/db/schema';

// For the hourly storage clean-up (lib/videos/maintenance.ts): which material objects are still
// accounted for. Objects of a deleted material (a deleted lesson cascades its rows) or of a
// revision other than the current one and the one being uploaded are orphans.

/** `courses/{c}/materials/{m}/r{n}/…` → material id and revision, or null for other keys. */
export function parseMaterialKey(key: string) {
  const m = /^courses\/[0-9a-f-]{36}\/materials\/([0-9a-f-]{36})\/r(\d+)\//.exec(key);
  return m ? { materialId: m[1]!, revision: Number(m[2]) } : null;
}

/**
 * Forgets uploads started before `staleBefore` (their multipart uploads are aborted by the same
 * clean-up): a new material that never finished goes, a replacement keeps its current file. Then
 * returns, per material, the revisions whose objects are kept.
 */
export async function materialRevisionsToKeep(courseId?: string, staleBefore?: Date): Promise<Map<string, Set<number>>> {
  if (staleBefore) {
    const scope = courseId ? eq(materials.courseId, courseId) : undefined;
    await db.delete(materials).where(and(eq(materials.status, 'uploading'), lt(materials.updatedAt, staleBefore), scope));
    await db
      .update(materials)
      .set({ uploadKey: null, uploadId: null, uploadFilename: null, uploadSize: null })
      .where(and(eq(materials.status, 'ready'), isNotNull(materials.uploadId), lt(materials.updatedAt, staleBefore), scope));
  }
  const rows = await db
    .select({ id: materials.id, revision: materials.revision, status: materials.status, uploading: materials.uploadId })
    .from(materials)
    .where(courseId ? eq(materials.courseId, courseId) : undefined);
  const keep = new Map<string, Set<number>>();
  // A first upload writes revision 1; a replacement writes the next one beside the current file.
  for (const r of rows) keep.set(r.id, new Set([r.revision, ...(r.uploading ? [r.status === 'uploading' ? 1 : r.revision + 1] : [])]));
  return keep;
}
