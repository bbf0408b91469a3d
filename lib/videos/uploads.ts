import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { lessons, videos } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { formatBytes } from '@/lib/format-bytes';
import { sendProcessVideo } from '@/lib/jobs/client';
import { partSizeFor } from '@/lib/media/plan';
import { SNIFF_BYTES, sniffVideoContainer } from '@/lib/media/sniff';
import { getStorage, StorageError } from '@/lib/storage';
import { VIDEO_EXTENSIONS, VIDEO_MIME_TYPES } from '@/lib/video-constants';
import { videoSourceKey } from './keys';
import type { CreateUploadInput, UploadRef } from './schemas';

// The upload protocol behind Uppy's AwsS3 plugin (server callbacks): the server creates the video row
// and chooses the key, signs only that upload's parts for an editor of its course, and checks the
// finished object itself (size from S3, container from its first bytes) before queueing processing.

type Meta = { ip?: string; requestId?: string };

export const PART_URL_TTL_SECONDS = 3600;
const CONTAINER_TYPES = { mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska' } as const;

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};

/** Checks a file before any byte is sent: emptiness, size limit, extension and declared MIME type. */
export function checkVideoFile(file: { filename: string; type: string; size: number }, maxBytes = env.VIDEO_MAX_BYTES) {
  if (file.size === 0) throw new AppError('VALIDATION', undefined, { messageKey: 'videoEmpty', fieldErrors: { file: ['errors.videoEmpty'] } });
  if (file.size > maxBytes) {
    throw new AppError('VALIDATION', undefined, { messageKey: 'videoTooLarge', params: { size: formatBytes(file.size), max: formatBytes(maxBytes) }, fieldErrors: { file: ['errors.videoTooLarge'] } });
  }
  const extOk = (VIDEO_EXTENSIONS as readonly string[]).includes(extensionOf(file.filename));
  // Browsers leave the type empty (or generic) for some containers, e.g. .mkv; the extension decides then.
  const type = file.type.toLowerCase();
  const typeOk = type === '' || type === 'application/octet-stream' || (VIDEO_MIME_TYPES as readonly string[]).includes(type);
  if (!extOk || !typeOk) throw new AppError('VALIDATION', undefined, { messageKey: 'videoType', params: { name: file.filename }, fieldErrors: { file: ['errors.videoType'] } });
}

/** Starts an upload: a video row in `uploading` and an S3 multipart upload for the key chosen here. */
export async function createVideoUpload(actor: SessionUser, input: CreateUploadInput, meta: Meta = {}) {
  await assertCourseRole(actor, input.courseId, 'editor');
  if (input.lessonId) {
    const lesson = await db.query.lessons.findFirst({ where: and(eq(lessons.id, input.lessonId), eq(lessons.courseId, input.courseId)), columns: { type: true } });
    if (!lesson) throw new AppError('NOT_FOUND');
    if (lesson.type !== 'video') throw new AppError('VALIDATION', 'Videos can only be uploaded to video lessons');
  }
  const filename = input.filename.replace(/^.*[\\/]/, '');
  checkVideoFile({ filename, type: input.type, size: input.size });

  const id = randomUUID();
  const key = videoSourceKey(input.courseId, id);
  const partSize = partSizeFor(input.size);
  const reused = await db.transaction(async (tx) => {
    // Serialize one user's starts so two tabs cannot both slip under the quota.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`upload-quota:${actor.id}`}))`);
    // The same file started again by the same author (a failed upload retried, another tab): continue
    // that upload rather than leave an abandoned one holding a quota slot.
    const [same] = await tx
      .select({ id: videos.id, key: videos.sourceKey, uploadId: videos.uploadId, partSize: videos.partSize })
      .from(videos)
      .where(
        and(
          eq(videos.createdById, actor.id),
          eq(videos.courseId, input.courseId),
          input.lessonId ? eq(videos.lessonId, input.lessonId) : isNull(videos.lessonId),
          eq(videos.filename, filename),
          eq(videos.size, input.size),
          eq(videos.status, 'uploading'),
          isNotNull(videos.uploadId),
          gt(videos.updatedAt, sql`now() - interval '1 day'`),
        ),
      )
      .limit(1);
    if (same?.uploadId) {
      await tx.update(videos).set({ updatedAt: new Date() }).where(eq(videos.id, same.id));
      return { videoId: same.id, key: same.key, uploadId: same.uploadId, partSize: same.partSize };
    }
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(videos)
      .where(and(eq(videos.createdById, actor.id), eq(videos.status, 'uploading'), gt(videos.updatedAt, sql`now() - interval '1 day'`)));
    if (n >= env.VIDEO_MAX_CONCURRENT_UPLOADS) {
      throw new AppError('RATE_LIMITED', undefined, { messageKey: 'uploadQuota', params: { max: env.VIDEO_MAX_CONCURRENT_UPLOADS } });
    }
    await tx.insert(videos).values({
      id,
      courseId: input.courseId,
      lessonId: input.lessonId ?? null,
      createdById: actor.id,
      filename,
      contentType: input.type || 'application/octet-stream',
      size: input.size,
      sourceKey: key,
      partSize,
    });
    return null;
  });
  if (reused) return reused;
  let uploadId: string;
  try {
    uploadId = await getStorage().createMultipartUpload(key, { contentType: input.type || undefined });
  } catch (e) {
    await db.delete(videos).where(eq(videos.id, id));
    throw e;
  }
  await db.update(videos).set({ uploadId, updatedAt: new Date() }).where(eq(videos.id, id));
  await writeAudit(db, { actorId: actor.id, action: 'video.upload_started', targetType: 'video', targetId: id, data: { courseId: input.courseId, lessonId: input.lessonId, filename, size: input.size }, ...meta });
  return { videoId: id, key, uploadId, partSize };
}

/** The row of an upload in progress, after checking that the caller edits its course and names it exactly. */
async function getOwnUpload(actor: SessionUser, videoId: string, ref: UploadRef) {
  const video = await db.query.videos.findFirst({ where: eq(videos.id, videoId) });
  if (!video) throw new AppError('NOT_FOUND', undefined, { messageKey: 'uploadGone' });
  await assertCourseRole(actor, video.courseId, 'editor');
  // The key and upload id must be the ones issued for this video: a signature is never made for
  // another key, even one of the same course.
  if (video.sourceKey !== ref.key || (video.uploadId !== null && video.uploadId !== ref.uploadId)) throw new AppError('FORBIDDEN');
  return video;
}

export async function signUploadPart(actor: SessionUser, videoId: string, input: UploadRef & { partNumber: number }) {
  const video = await getOwnUpload(actor, videoId, input);
  if (video.status !== 'uploading' || !video.uploadId) throw new AppError('CONFLICT', undefined, { messageKey: 'uploadGone' });
  const maxPart = Math.max(1, Math.ceil(video.size / video.partSize));
  if (input.partNumber > maxPart) throw new AppError('VALIDATION', `Part ${input.partNumber} is beyond the end of the file (${maxPart} parts)`);
  const url = await getStorage().presignUploadPart(video.sourceKey, video.uploadId, input.partNumber, { expiresIn: PART_URL_TTL_SECONDS });
  return { url, method: 'PUT' as const, expires: PART_URL_TTL_SECONDS };
}

/** Parts S3 already holds, so a resumed upload sends only the missing ones. */
export async function listUploadParts(actor: SessionUser, videoId: string, input: UploadRef) {
  const video = await getOwnUpload(actor, videoId, input);
  if (video.status !== 'uploading' || !video.uploadId) throw new AppError('CONFLICT', undefined, { messageKey: 'uploadGone' });
  try {
    const parts = await getStorage().listParts(video.sourceKey, video.uploadId);
    return parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, Size: p.size }));
  } catch (e) {
    if (e instanceof StorageError && e.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', undefined, { messageKey: 'uploadGone' });
    throw e;
  }
}

/**
 * Finishes an upload from the parts S3 reports (never the client's list), checks the object's size
 * and first bytes, then queues processing. Calling it again after success answers the same.
 */
export async function completeVideoUpload(actor: SessionUser, videoId: string, input: UploadRef, meta: Meta = {}) {
  const video = await getOwnUpload(actor, videoId, input);
  if (video.status !== 'uploading') return { videoId, location: video.sourceKey, status: video.status };
  if (!video.uploadId) throw new AppError('CONFLICT', undefined, { messageKey: 'uploadGone' });
  const storage = getStorage();
  const parts = (await storage.listParts(video.sourceKey, video.uploadId).catch((e) => {
    if (e instanceof StorageError && e.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', undefined, { messageKey: 'uploadGone' });
    throw e;
  })).sort((a, b) => a.partNumber - b.partNumber);
  const expectedParts = Math.max(1, Math.ceil(video.size / video.partSize));
  const total = parts.reduce((s, p) => s + (p.size ?? 0), 0);
  if (parts.length !== expectedParts || parts.some((p, i) => p.partNumber !== i + 1) || total !== video.size) {
    throw new AppError('CONFLICT', `Expected ${expectedParts} parts totalling ${video.size} bytes, found ${parts.length} totalling ${total}`, { messageKey: 'uploadIncomplete' });
  }
  await storage.completeMultipartUpload(video.sourceKey, video.uploadId, parts);

  const head = await storage.headObject(video.sourceKey);
  const container = head.size === video.size ? sniffVideoContainer(await storage.readStart(video.sourceKey, SNIFF_BYTES, head.size)) : null;
  if (!container) {
    await storage.deleteObject(video.sourceKey);
    await db.delete(videos).where(eq(videos.id, videoId));
    await writeAudit(db, { actorId: actor.id, action: 'video.upload_rejected', targetType: 'video', targetId: videoId, data: { filename: video.filename, size: head.size, reason: head.size !== video.size ? 'size_mismatch' : 'not_a_video' }, ...meta });
    throw new AppError('VALIDATION', undefined, { messageKey: 'videoNotVideo', params: { name: video.filename } });
  }
  const [updated] = await db
    .update(videos)
    .set({ status: 'queued', uploadId: null, contentType: CONTAINER_TYPES[container], size: head.size, uploadedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(videos.id, videoId), eq(videos.status, 'uploading')))
    .returning({ id: videos.id });
  if (updated) {
    await sendProcessVideo({ videoId });
    await writeAudit(db, { actorId: actor.id, action: 'video.uploaded', targetType: 'video', targetId: videoId, data: { filename: video.filename, size: head.size, container }, ...meta });
  }
  return { videoId, location: video.sourceKey, status: 'queued' as const };
}

/** Cancel: aborts the multipart upload and forgets the video. A finished upload is not touched. */
export async function abortVideoUpload(actor: SessionUser, videoId: string, input: UploadRef, meta: Meta = {}) {
  const video = await getOwnUpload(actor, videoId, input).catch((e) => {
    // Already gone (cancelled twice, or expired): nothing left to abort.
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!video) return { aborted: false };
  if (video.status !== 'uploading') throw new AppError('CONFLICT', 'This upload has already finished');
  if (video.uploadId) {
    await getStorage().abortMultipartUpload(video.sourceKey, video.uploadId).catch((e) => {
      if (!(e instanceof StorageError && e.code === 'NOT_FOUND')) throw e;
    });
  }
  await db.delete(videos).where(and(eq(videos.id, videoId), eq(videos.status, 'uploading')));
  await writeAudit(db, { actorId: actor.id, action: 'video.upload_cancelled', targetType: 'video', targetId: videoId, data: { filename: video.filename }, ...meta });
  return { aborted: true };
}
