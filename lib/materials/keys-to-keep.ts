import 'server-only';
import { eq } from 'drizzle-orm';
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

export async function materialRevisionsToKeep(courseId?: string): Promise<Map<string, Set<number>>> {
  const rows = await db
    .select({ id: materials.id, revision: materials.revision, status: materials.status, uploading: materials.uploadId })
    .from(materials)
    .where(courseId ? eq(materials.courseId, courseId) : undefined);
  const keep = new Map<string, Set<number>>();
  // A first upload writes revision 1; a replacement writes the next one beside the current file.
  for (const r of rows) keep.set(r.id, new Set([r.revision, ...(r.uploading ? [r.status === 'uploading' ? 1 : r.revision + 1] : [])]));
  return keep;
}
