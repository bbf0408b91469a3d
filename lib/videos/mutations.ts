import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses, lessons, videoCaptions, videos } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole, assertRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError, validationError } from '@/lib/errors';
import { sendDeletePrefix, sendProcessVideo } from '@/lib/jobs/client';
import { loggerFor } from '@/lib/logger';
import { parseCaptions } from '@/lib/media/captions';
import { MediaError } from '@/lib/media/errors';
import { getStorage } from '@/lib/storage';
import { CAPTIONS_MAX_BYTES } from '@/lib/video-constants';
import { captionKey, courseMediaPrefix, videoPrefix } from './keys';

type Meta = { ip?: string; requestId?: string };
const log = loggerFor('videos');

async function getVideoForEditor(actor: SessionUser, videoId: string) {
  const video = await db.query.videos.findFirst({ where: eq(videos.id, videoId) });
  if (!video) throw new AppError('NOT_FOUND');
  await assertCourseRole(actor, video.courseId, 'editor');
  return video;
}

/**
 * Deletes objects under a prefix now; if the store is unreachable the deletion is queued and retried
 * by the worker (the rows are already gone, so nothing points at the objects meanwhile).
 */
export async function deletePrefixNowOrLater(prefix: string, reason: string) {
  try {
    return await getStorage().deletePrefix(prefix);
  } catch (e) {
    log.warn({ prefix, err: e instanceof Error ? e.message : String(e) }, 'prefix delete failed; queued for retry');
    await sendDeletePrefix({ prefix, reason });
    return 0;
  }
}

/** Sends a failed video back to processing (from scratch, with a new revision). */
export async function retryVideo(actor: SessionUser, input: { videoId: string }, meta: Meta = {}) {
  const video = await getVideoForEditor(actor, input.videoId);
  if (video.status !== 'failed') throw new AppError('CONFLICT', 'Only a failed video can be retried');
  await db.update(videos).set({ status: 'queued', errorCode: null, errorMessage: null, attempts: 0, progress: 0, updatedAt: new Date() }).where(and(eq(videos.id, video.id), eq(videos.status, 'failed')));
  await sendProcessVideo({ videoId: video.id });
  await writeAudit(db, { actorId: actor.id, action: 'video.retried', targetType: 'video', targetId: video.id, data: { filename: video.filename }, ...meta });
  return { videoId: video.id };
}

/** Deletes a video: its lessons lose it (they block publishing until given another), its objects go. */
export async function deleteVideo(actor: SessionUser, input: { videoId: string }, meta: Meta = {}) {
  const video = await getVideoForEditor(actor, input.videoId);
  if (video.status === 'uploading' && video.uploadId) {
    await getStorage().abortMultipartUpload(video.sourceKey, video.uploadId).catch(() => {});
  }
  const usedBy = await db.transaction(async (tx) => {
    const used = await tx.update(lessons).set({ videoId: null, updatedAt: new Date() }).where(eq(lessons.videoId, video.id)).returning({ id: lessons.id });
    await tx.delete(videos).where(eq(videos.id, video.id));
    await writeAudit(tx, { actorId: actor.id, action: 'video.deleted', targetType: 'video', targetId: video.id, data: { courseId: video.courseId, filename: video.filename, size: video.size, lessons: used.map((l) => l.id) }, ...meta });
    return used.length;
  });
  await deletePrefixNowOrLater(videoPrefix(video.courseId, video.id), 'video deleted');
  return { deleted: true, usedBy };
}

/** Shows a library video (or none) in a video lesson of the same course. */
export async function attachVideo(actor: SessionUser, input: { lessonId: string; videoId: string | null }, meta: Meta = {}) {
  const lesson = await db.query.lessons.findFirst({ where: eq(lessons.id, input.lessonId), columns: { id: true, courseId: true, type: true } });
  if (!lesson) throw new AppError('NOT_FOUND');
  await assertCourseRole(actor, lesson.courseId, 'editor');
  if (lesson.type !== 'video') throw validationError({ videoId: ['videos.notVideoLesson'] });
  let duration: number | null = null;
  if (input.videoId) {
    const video = await db.query.videos.findFirst({ where: and(eq(videos.id, input.videoId), eq(videos.courseId, lesson.courseId)), columns: { id: true, playback: true, durationSeconds: true } });
    if (!video) throw validationError({ videoId: ['videos.notInCourse'] });
    if (video.playback === 'none') throw validationError({ videoId: ['videos.notPlayable'] });
    duration = video.durationSeconds === null ? null : Math.round(video.durationSeconds);
  }
  await db.transaction(async (tx) => {
    await tx.update(lessons).set({ videoId: input.videoId, durationSeconds: duration, updatedAt: new Date() }).where(eq(lessons.id, lesson.id));
    await writeAudit(tx, { actorId: actor.id, action: 'lesson.video_set', targetType: 'lesson', targetId: lesson.id, data: { videoId: input.videoId }, ...meta });
  });
  return { lessonId: lesson.id, videoId: input.videoId };
}

/** Adds (or replaces) the captions of one language; `.srt` is converted to WebVTT first. */
export async function uploadCaptions(actor: SessionUser, input: { videoId: string; lang: string; label: string; filename: string; text: string; size: number }, meta: Meta = {}) {
  const video = await getVideoForEditor(actor, input.videoId);
  if (input.size > CAPTIONS_MAX_BYTES) throw validationError({ file: ['videos.captionsTooLarge'] });
  const format = input.filename.toLowerCase().endsWith('.srt') ? 'srt' : input.filename.toLowerCase().endsWith('.vtt') ? 'vtt' : null;
  if (!format) throw validationError({ file: ['videos.captionsType'] });
  let parsed: { vtt: string; cues: number };
  try {
    parsed = parseCaptions(input.text, format);
  } catch (e) {
    if (e instanceof MediaError) throw new AppError('VALIDATION', e.message, { messageKey: 'captionsInvalid', params: { reason: e.message }, fieldErrors: { file: ['errors.captionsInvalid'] } });
    throw e;
  }
  const id = randomUUID();
  const key = captionKey(video.courseId, video.id, input.lang, id);
  await getStorage().putObject(key, parsed.vtt, { contentType: 'text/vtt; charset=utf-8' });
  const replaced = await db.transaction(async (tx) => {
    const old = await tx.delete(videoCaptions).where(and(eq(videoCaptions.videoId, video.id), eq(videoCaptions.lang, input.lang))).returning({ key: videoCaptions.key });
    await tx.insert(videoCaptions).values({ id, videoId: video.id, lang: input.lang, label: input.label, key, cues: parsed.cues, createdById: actor.id });
    await writeAudit(tx, { actorId: actor.id, action: 'video.captions_added', targetType: 'video', targetId: video.id, data: { lang: input.lang, cues: parsed.cues, replaced: old.length > 0 }, ...meta });
    return old;
  });
  for (const o of replaced) await getStorage().deleteObject(o.key).catch(() => {});
  return { id, lang: input.lang, label: input.label, cues: parsed.cues };
}

export async function deleteCaptions(actor: SessionUser, input: { captionId: string }, meta: Meta = {}) {
  const cap = await db.query.videoCaptions.findFirst({ where: eq(videoCaptions.id, input.captionId) });
  if (!cap) throw new AppError('NOT_FOUND');
  const video = await getVideoForEditor(actor, cap.videoId);
  await db.transaction(async (tx) => {
    await tx.delete(videoCaptions).where(eq(videoCaptions.id, cap.id));
    await writeAudit(tx, { actorId: actor.id, action: 'video.captions_deleted', targetType: 'video', targetId: video.id, data: { lang: cap.lang }, ...meta });
  });
  await getStorage().deleteObject(cap.key).catch(() => {});
  return { deleted: true };
}

/**
 * Admin: removes every stored object of a course and its video rows (lessons keep their text but lose
 * their videos). For a course whose media must go — a takedown, or freeing space — without deleting it.
 */
export async function deleteCourseMediaAsAdmin(actor: SessionUser, input: { courseId: string }, meta: Meta = {}) {
  assertRole(actor, ['admin']);
  const course = await db.query.courses.findFirst({ where: eq(courses.id, input.courseId), columns: { id: true, title: true } });
  if (!course) throw new AppError('NOT_FOUND');
  const rows = await db.transaction(async (tx) => {
    const gone = await tx.delete(videos).where(eq(videos.courseId, course.id)).returning({ id: videos.id, size: videos.size, assetsBytes: videos.assetsBytes, sourceKey: videos.sourceKey, uploadId: videos.uploadId });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'storage.course_media_deleted',
      targetType: 'course',
      targetId: course.id,
      data: { title: course.title, videos: gone.length, bytes: gone.reduce((s, v) => s + v.size + v.assetsBytes, 0) },
      ...meta,
    });
    return gone;
  });
  const storage = getStorage();
  for (const v of rows) if (v.uploadId) await storage.abortMultipartUpload(v.sourceKey, v.uploadId).catch(() => {});
  const deleted = await deletePrefixNowOrLater(courseMediaPrefix(course.id), 'course media deleted by admin');
  return { videos: rows.length, objects: deleted };
}
