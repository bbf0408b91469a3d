import 'server-only';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { appSettings, courses, users, videoCaptions, videos } from '@/db/schema';
import { CLEANUP_SETTING, type CleanupResult } from './maintenance';

export type StorageReport = {
  totalBytes: number;
  totalObjects: number;
  videoCount: number;
  queue: { queued: number; processing: number; failed: number };
  perCourse: { courseId: string; title: string; videos: number; bytes: number; objects: number }[];
  uploads: { id: string; filename: string; size: number; courseTitle: string; by: string | null; startedAt: string }[];
  failed: { id: string; filename: string; courseTitle: string; error: string | null; attempts: number; courseId: string }[];
  cleanup: CleanupResult | null;
};

/**
 * Storage usage for the admin page, from the database's own accounting (source size + recorded asset
 * bytes per video), so the page costs a few queries rather than a bucket listing.
 */
export async function getStorageReport(): Promise<StorageReport> {
  const captionObjects = sql<number>`(select count(*) from ${videoCaptions} c where c.video_id = ${videos.id})`;
  const [perCourse, queue, uploads, failed, cleanupRow] = await Promise.all([
    db
      .select({
        courseId: courses.id,
        title: courses.title,
        videos: sql<number>`count(*)::int`,
        bytes: sql<number>`sum(${videos.size} + ${videos.assetsBytes})::float8`,
        objects: sql<number>`sum(1 + ${videos.assetsCount} + ${captionObjects})::int`,
      })
      .from(videos)
      .innerJoin(courses, eq(courses.id, videos.courseId))
      .where(sql`${videos.status} <> 'uploading'`)
      .groupBy(courses.id)
      .orderBy(desc(sql`sum(${videos.size} + ${videos.assetsBytes})`)),
    db.select({ status: videos.status, n: sql<number>`count(*)::int` }).from(videos).where(inArray(videos.status, ['queued', 'processing', 'failed'])).groupBy(videos.status),
    db
      .select({ id: videos.id, filename: videos.filename, size: videos.size, courseTitle: courses.title, by: users.name, startedAt: videos.createdAt })
      .from(videos)
      .innerJoin(courses, eq(courses.id, videos.courseId))
      .leftJoin(users, eq(users.id, videos.createdById))
      .where(eq(videos.status, 'uploading'))
      .orderBy(desc(videos.createdAt))
      .limit(100),
    db
      .select({ id: videos.id, filename: videos.filename, courseTitle: courses.title, courseId: courses.id, error: videos.errorMessage, attempts: videos.attempts })
      .from(videos)
      .innerJoin(courses, eq(courses.id, videos.courseId))
      .where(eq(videos.status, 'failed'))
      .orderBy(desc(videos.updatedAt))
      .limit(100),
    db.query.appSettings.findFirst({ where: eq(appSettings.key, CLEANUP_SETTING) }),
  ]);
  const count = (s: string) => queue.find((q) => q.status === s)?.n ?? 0;
  return {
    totalBytes: perCourse.reduce((s, c) => s + c.bytes, 0),
    totalObjects: perCourse.reduce((s, c) => s + c.objects, 0),
    videoCount: perCourse.reduce((s, c) => s + c.videos, 0),
    queue: { queued: count('queued'), processing: count('processing'), failed: count('failed') },
    perCourse,
    uploads: uploads.map((u) => ({ ...u, startedAt: u.startedAt.toISOString() })),
    failed,
    cleanup: (cleanupRow?.value as CleanupResult | undefined) ?? null,
  };
}
