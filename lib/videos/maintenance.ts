import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { appSettings, courses, videoCaptions, videos } from '@/db/schema';
import { jobColumns } from '@/lib/jobs/lookup';
import { QUEUES } from '@/lib/jobs/queues';
import { loggerFor } from '@/lib/logger';
import type { Storage } from '@/lib/storage';
import { courseMediaPrefix, parseVideoKey } from './keys';
import { parseAttachmentKey } from '@/lib/attachments/keys';
import { attachmentKeysToKeep } from '@/lib/attachments/uploads';
import { materialRevisionsToKeep, parseMaterialKey } from '@/lib/materials/keys-to-keep';

// Housekeeping run by the worker: the watchdog (dead workers, lost jobs) every few seconds and the
// storage clean-up (stale uploads, orphaned objects) every hour.

const log = loggerFor('video-maintenance');

export type WatchdogResult = { retried: string[]; lost: string[]; requeued: string[] };

type JobOps = {
  /** Fails an active job so pg-boss retries it (or gives up after its retry limit). */
  fail(jobId: string, reason: string): Promise<void>;
  send(videoId: string): Promise<unknown>;
};

/**
 * Finds processing videos whose worker stopped writing heartbeats: their active job is failed so
 * pg-boss retries it with backoff. Also repairs videos whose job vanished (queued with no job, or
 * processing with neither job nor heartbeat), so no video waits forever.
 */
export async function runWatchdog(jobs: JobOps, staleSeconds: number): Promise<WatchdogResult> {
  const stale = sql`now() - make_interval(secs => ${staleSeconds})`;
  const rows = await db.execute<{ video_id: string; job_id: string | null; status: string }>(sql`
    select v.id as video_id, v.status::text as status, ${jobColumns(QUEUES.processVideo, 'videoId', sql`v.id`)}
    from videos v
    where (v.status = 'processing' and v.heartbeat_at < ${stale})
       or (v.status = 'queued' and v.updated_at < ${stale})`);
  const result: WatchdogResult = { retried: [], lost: [], requeued: [] };
  for (const r of rows as unknown as { video_id: string; job_id: string | null; status: string; active: boolean }[]) {
    if (r.status === 'processing' && r.job_id && r.active) {
      await jobs.fail(r.job_id, 'The worker processing this video stopped responding');
      result.retried.push(r.video_id);
    } else if (!r.job_id) {
      if (r.status === 'queued') {
        await jobs.send(r.video_id);
        result.requeued.push(r.video_id);
      } else {
        await db
          .update(videos)
          .set({ status: 'failed', errorCode: 'WORKER_LOST', errorMessage: 'Processing stopped and was not retried. Use “Retry”.', stage: null, updatedAt: new Date() })
          .where(and(eq(videos.id, r.video_id), eq(videos.status, 'processing')));
        result.lost.push(r.video_id);
      }
    }
  }
  if (result.retried.length || result.lost.length || result.requeued.length) log.warn(result, 'watchdog repaired videos');
  return result;
}

export type CleanupResult = {
  at: string;
  abortedUploads: number;
  deletedUploadRows: number;
  deletedObjects: number;
  deletedBytes: number;
  scannedObjects: number;
  durationMs: number;
  error?: string;
};

export const CLEANUP_SETTING = 'storage.cleanup';

/**
 * Aborts multipart uploads older than `staleHours` (dropping their rows) and deletes objects that no
 * row accounts for: videos without a row, revisions other than the current one, captions without a
 * row, anything of a deleted course. Objects younger than `graceMinutes` are left alone, since their
 * row may be about to be written.
 */
export async function runStorageCleanup(storage: Storage, opts: { staleHours: number; graceMinutes?: number; now?: Date; courseId?: string }): Promise<CleanupResult> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const staleBefore = new Date(now.getTime() - opts.staleHours * 3600_000);
  const graceBefore = new Date(now.getTime() - (opts.graceMinutes ?? 60) * 60_000);
  // One course only (tests, or a targeted clean-up); the whole bucket's course media otherwise.
  const prefix = opts.courseId ? courseMediaPrefix(opts.courseId) : 'courses/';
  const inScope = opts.courseId ? eq(videos.courseId, opts.courseId) : undefined;
  const result: CleanupResult = { at: now.toISOString(), abortedUploads: 0, deletedUploadRows: 0, deletedObjects: 0, deletedBytes: 0, scannedObjects: 0, durationMs: 0 };
  try {
    for await (const u of storage.listMultipartUploads(prefix)) {
      if (u.initiated && u.initiated < staleBefore) {
        await storage.abortMultipartUpload(u.key, u.uploadId).catch(() => {});
        result.abortedUploads++;
      }
    }
    const dropped = await db
      .delete(videos)
      .where(and(eq(videos.status, 'uploading'), lt(videos.updatedAt, staleBefore), inScope))
      .returning({ id: videos.id });
    result.deletedUploadRows = dropped.length;

    // Everything the database accounts for, loaded once (one row per video; fine up to ~10^5 videos).
    const known = new Map<string, { courseId: string; revision: number; status: string; sourceKey: string }>();
    for (const v of await db.select({ id: videos.id, courseId: videos.courseId, revision: videos.revision, status: videos.status, sourceKey: videos.sourceKey }).from(videos).where(inScope)) known.set(v.id, v);
    const captionKeys = new Set((await db.select({ key: videoCaptions.key }).from(videoCaptions)).map((c) => c.key));
    const courseIds = new Set((await db.select({ id: courses.id }).from(courses)).map((c) => c.id));
    const attachmentKeys = await attachmentKeysToKeep(opts.courseId, now);
    const materialRevisions = await materialRevisionsToKeep(opts.courseId, staleBefore);

    const doomed: { key: string; size: number }[] = [];
    for await (const o of storage.listObjects(prefix)) {
      result.scannedObjects++;
      if (o.lastModified > graceBefore) continue;
      // Homework attachments (and thumbnails) without their row: a deleted lesson or an abandoned upload.
      if (parseAttachmentKey(o.key)) {
        if (!attachmentKeys.has(o.key)) doomed.push(o);
        continue;
      }
      // Course materials: a deleted material (or lesson) or a replaced revision.
      const material = parseMaterialKey(o.key);
      if (material) {
        if (!materialRevisions.get(material.materialId)?.has(material.revision)) doomed.push(o);
        continue;
      }
      const parsed = parseVideoKey(o.key);
      if (!parsed) {
        const courseId = /^courses\/([^/]+)\//.exec(o.key)?.[1];
        if (courseId && !courseIds.has(courseId)) doomed.push(o);
        continue;
      }
      const v = known.get(parsed.videoId);
      if (!v || v.courseId !== parsed.courseId) {
        doomed.push(o);
        continue;
      }
      const rev = /^r(\d+)\//.exec(parsed.rest);
      // A processing video's newest revision is being written; older ones go once it finishes.
      if (rev && Number(rev[1]) !== v.revision && v.status !== 'processing') doomed.push(o);
      else if (parsed.rest.startsWith('captions/') && !captionKeys.has(o.key)) doomed.push(o);
    }
    for (const o of doomed) {
      await storage.deleteObject(o.key);
      result.deletedObjects++;
      result.deletedBytes += o.size;
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
    log.error({ err: result.error }, 'storage cleanup failed');
  }
  result.durationMs = Date.now() - started;
  if (!opts.courseId) await db
    .insert(appSettings)
    .values({ key: CLEANUP_SETTING, value: result })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: result, updatedAt: new Date() } });
  if (result.error) throw new Error(result.error);
  return result;
}
