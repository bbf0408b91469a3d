import 'server-only';
import { and, between, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { db } from '@/db/client';
import { courseDaily, courses, lessons, platformDaily, videoDaily, videos } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { compareDailyMean, compareSum, denseDays, hours } from './daily';
import type { PlatformDay, PlatformOverviewDto } from './dashboard-dto';
import { resolveRange } from './schemas';

const TOP = 10;

/**
 * The admin's platform overview over a range (from the roll-ups) and the store's current totals.
 * Caller passes the session user; anyone but an admin gets null (the page answers 404).
 */
export async function getPlatformOverview(actor: SessionUser, rangeInput: unknown, now = new Date()): Promise<PlatformOverviewDto | null> {
  if (actor.role !== 'admin') return null;
  const timeZone = env.ANALYTICS_TIMEZONE;
  const { range, previous, preset } = resolveRange(rangeInput, timeZone, now);
  const inRange = (day: AnyPgColumn) => between(day, range.from, range.to);

  const [rows, topCourses, topLessons, [storage]] = await Promise.all([
    db.select().from(platformDaily).where(between(platformDaily.day, previous.from, range.to)),
    db
      .select({
        courseId: courseDaily.courseId,
        title: courses.title,
        enrollments: sql<number>`sum(${courseDaily.enrollments})::int`,
        lessonCompletions: sql<number>`sum(${courseDaily.lessonCompletions})::int`,
        watchSeconds: sql<number>`sum(${courseDaily.watchSeconds})::float8`,
      })
      .from(courseDaily)
      .innerJoin(courses, eq(courses.id, courseDaily.courseId))
      .where(inRange(courseDaily.day))
      .groupBy(courseDaily.courseId, courses.title)
      .orderBy(desc(sql`sum(${courseDaily.watchSeconds})`), desc(sql`sum(${courseDaily.enrollments})`), courses.title)
      .limit(TOP),
    db
      .select({
        lessonId: sql<string>`${videoDaily.lessonId}`,
        videoId: videoDaily.videoId,
        courseId: videoDaily.courseId,
        title: lessons.title,
        courseTitle: courses.title,
        views: sql<number>`sum(${videoDaily.views})::int`,
        watchSeconds: sql<number>`sum(${videoDaily.watchSeconds})::float8`,
      })
      .from(videoDaily)
      .innerJoin(lessons, eq(lessons.id, videoDaily.lessonId))
      .innerJoin(courses, eq(courses.id, videoDaily.courseId))
      .where(and(inRange(videoDaily.day), isNotNull(videoDaily.lessonId)))
      .groupBy(videoDaily.lessonId, videoDaily.videoId, videoDaily.courseId, lessons.title, courses.title)
      .orderBy(desc(sql`sum(${videoDaily.views})`), desc(sql`sum(${videoDaily.watchSeconds})`), lessons.title)
      .limit(TOP),
    db
      .select({
        videos: sql<number>`count(*)::int`,
        readyVideos: sql<number>`(count(*) filter (where ${videos.status} = 'ready'))::int`,
        sourceBytes: sql<number>`coalesce(sum(${videos.size}), 0)::float8`,
        assetsBytes: sql<number>`coalesce(sum(${videos.assetsBytes}), 0)::float8`,
      })
      .from(videos),
  ]);

  const daily: PlatformDay[] = denseDays(
    rows.filter((r) => r.day >= range.from).map((r) => ({ day: r.day, activeStudents: r.activeStudents, newUsers: r.newUsers, enrollments: r.enrollments, lessonCompletions: r.lessonCompletions, courseCompletions: r.courseCompletions, watchHours: hours(r.watchSeconds), uploads: r.uploads })),
    range,
    (day) => ({ day, activeStudents: 0, newUsers: 0, enrollments: 0, lessonCompletions: 0, courseCompletions: 0, watchHours: 0, uploads: 0 }),
  );
  const sum = (pick: (r: (typeof rows)[number]) => number) => compareSum(rows, range, previous, pick);
  return {
    range,
    previous,
    preset,
    timeZone,
    totals: {
      avgActiveStudents: compareDailyMean(rows, range, previous, (r) => r.activeStudents),
      newUsers: sum((r) => r.newUsers),
      enrollments: sum((r) => r.enrollments),
      lessonCompletions: sum((r) => r.lessonCompletions),
      courseCompletions: sum((r) => r.courseCompletions),
      watchHours: sum((r) => hours(r.watchSeconds)),
      uploads: sum((r) => r.uploads),
      uploadedBytes: sum((r) => r.uploadedBytes),
    },
    daily,
    topCourses: topCourses.map(({ watchSeconds, ...c }) => ({ ...c, watchHours: hours(watchSeconds) })),
    topLessons: topLessons.map(({ watchSeconds, ...l }) => ({ ...l, watchHours: hours(watchSeconds) })),
    storage: storage ?? { videos: 0, readyVideos: 0, sourceBytes: 0, assetsBytes: 0 },
  };
}
