import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { lessons, videoCaptions, videos } from '@/db/schema';
import type { VideoStage } from '@/lib/video-constants';
import type { VideoSummary } from './dto';

type VideoRow = typeof videos.$inferSelect;

async function summarize(rows: VideoRow[]): Promise<VideoSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [uses, caps] = await Promise.all([
    db.select({ id: lessons.id, title: lessons.title, videoId: lessons.videoId }).from(lessons).where(and(isNotNull(lessons.videoId), inArray(lessons.videoId, ids))).orderBy(asc(lessons.title)),
    db.select({ id: videoCaptions.id, lang: videoCaptions.lang, label: videoCaptions.label, videoId: videoCaptions.videoId }).from(videoCaptions).where(inArray(videoCaptions.videoId, ids)).orderBy(asc(videoCaptions.lang)),
  ]);
  return rows.map((v) => ({
    id: v.id,
    filename: v.filename,
    size: v.size,
    status: v.status,
    playback: v.playback,
    stage: v.stage as VideoStage | null,
    progress: v.progress,
    durationSeconds: v.durationSeconds,
    width: v.width,
    height: v.height,
    renditions: v.renditions.map((r) => r.height),
    errorCode: v.errorCode,
    errorMessage: v.errorMessage,
    processingNote: v.processingNote,
    attempts: v.attempts,
    lessonId: v.lessonId,
    usedBy: uses.filter((u) => u.videoId === v.id).map(({ id, title }) => ({ id, title })),
    captions: caps.filter((c) => c.videoId === v.id).map(({ id, lang, label }) => ({ id, lang, label })),
    createdAt: v.createdAt.toISOString(),
  }));
}

/** The course's media library, newest first. Caller checked the editor role. */
export async function listCourseVideos(courseId: string): Promise<VideoSummary[]> {
  return summarize(await db.select().from(videos).where(eq(videos.courseId, courseId)).orderBy(desc(videos.createdAt)));
}

/**
 * What the lesson editor shows: the lesson's current video and the uploads started from this lesson
 * that have not replaced it yet (still uploading, processing or failed). Caller checked the editor role.
 */
export async function getLessonVideos(courseId: string, lessonId: string): Promise<{ current: VideoSummary | null; pending: VideoSummary[]; library: { id: string; filename: string }[] }> {
  const [lesson] = await db.select({ videoId: lessons.videoId }).from(lessons).where(and(eq(lessons.id, lessonId), eq(lessons.courseId, courseId)));
  const rows = await db
    .select()
    .from(videos)
    .where(
      // The current video may belong to another course (a duplicated course shares the original's videos).
      sql`(${videos.id} = ${lesson?.videoId ?? null} or (${videos.courseId} = ${courseId} and ${videos.lessonId} = ${lessonId} and ${videos.status} in ('queued', 'processing', 'failed')))`,
    )
    .orderBy(desc(videos.createdAt));
  const all = await summarize(rows);
  const library = await db
    .select({ id: videos.id, filename: videos.filename })
    .from(videos)
    .where(and(eq(videos.courseId, courseId), sql`${videos.playback} <> 'none'`))
    .orderBy(asc(videos.filename));
  return {
    current: all.find((v) => v.id === lesson?.videoId) ?? null,
    pending: all.filter((v) => v.id !== lesson?.videoId),
    library,
  };
}

/** Summaries of some videos of one course (status polling). Caller checked the editor role. */
export async function getCourseVideosById(courseId: string, ids: string[]): Promise<VideoSummary[]> {
  if (!ids.length) return [];
  return summarize(await db.select().from(videos).where(and(eq(videos.courseId, courseId), inArray(videos.id, ids))));
}
