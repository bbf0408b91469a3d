import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { createCourse, createUser } from '@/db/factories';
import { courseDaily, platformDaily, videoDaily, videos } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { getPlatformOverview } from './platform-queries';

// platform_daily is one row per day for the whole platform: this file writes days of a year nothing
// else touches, and reads them through a custom range.
const actorOf = (u: { id: string; email: string; name: string; role: SessionUser['role'] }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
const range = { from: '1991-03-01', to: '1991-03-07' };
const zero = { activeStudents: 0, newUsers: 0, enrollments: 0, lessonCompletions: 0, courseCompletions: 0, watchSeconds: 0, uploads: 0, uploadedBytes: 0 };
const courseZero = { enrollments: 0, activeStudents: 0, lessonCompletions: 0, courseCompletions: 0, quizAttempts: 0, quizPassed: 0, homeworkSubmitted: 0, homeworkAccepted: 0, reviewSecondsSum: 0, reviewCount: 0, watchSeconds: 0 };
const perSecond = (n: number) => new Uint32Array(n);

let admin: SessionUser;
let busy: Awaited<ReturnType<typeof createCourse>>;
let quiet: Awaited<ReturnType<typeof createCourse>>;
let videoId: string;

beforeAll(async () => {
  admin = actorOf(await createUser(db, { role: 'admin' }));
  const author = await createUser(db, { role: 'author' });
  busy = await createCourse(db, { ownerId: author.id, title: `Busy ${randomUUID().slice(0, 6)}`, modules: 1, lessonsPerModule: 2 });
  quiet = await createCourse(db, { ownerId: author.id, title: `Quiet ${randomUUID().slice(0, 6)}` });
  await db.insert(platformDaily).values([
    { ...zero, day: '1991-03-01', activeStudents: 4, newUsers: 2, enrollments: 3, watchSeconds: 7200, uploads: 1, uploadedBytes: 1000 },
    { ...zero, day: '1991-03-07', activeStudents: 3, lessonCompletions: 5, courseCompletions: 1, watchSeconds: 3600 },
    // The previous period (Feb 22–28) and a day outside both.
    { ...zero, day: '1991-02-22', activeStudents: 14, enrollments: 1, watchSeconds: 1800 },
    { ...zero, day: '1991-03-08', activeStudents: 100, enrollments: 100 },
  ]);
  await db.insert(courseDaily).values([
    { ...courseZero, courseId: busy.id, day: '1991-03-02', enrollments: 2, lessonCompletions: 4, watchSeconds: 7200 },
    { ...courseZero, courseId: busy.id, day: '1991-03-03', enrollments: 1, watchSeconds: 3600 },
    { ...courseZero, courseId: quiet.id, day: '1991-03-02', enrollments: 1, watchSeconds: 60 },
    { ...courseZero, courseId: quiet.id, day: '1991-03-09', enrollments: 50, watchSeconds: 999_999 },
  ]);
  const [v] = await db
    .insert(videos)
    .values({ courseId: busy.id, filename: 'a.mp4', contentType: 'video/mp4', size: 123_456, sourceKey: `courses/${busy.id}/videos/${randomUUID()}/source`, partSize: 1, status: 'ready', assetsBytes: 654_321, durationSeconds: 3 })
    .returning();
  videoId = v!.id;
  const [l1, l2] = busy.modules[0]!.lessonIds as [string, string];
  const vd = (lessonId: string, day: string, views: number, watchSeconds: number) => ({
    videoId, lessonId, day, courseId: busy.id, durationSeconds: 3, viewStarts: views, views, qualifiedViews: views, uniqueViewers: views, watchSeconds, uniqueWatchSeconds: watchSeconds, watchedShareSum: views,
    completedViews: 0, reachedEndViews: 0, failedViews: 0, exitsBeforeStart: 0, stallMs: 0, playedMs: 0, viewsCum: views, coverageCum: perSecond(3), playsCum: perSecond(3), skipsCum: perSecond(3), exitsCum: perSecond(3),
  });
  // One video row per day: the lesson it was folded under is what the top-lessons list groups by.
  await db.insert(videoDaily).values([vd(l1, '1991-03-02', 5, 3600), vd(l1, '1991-03-03', 2, 0), vd(l2, '1991-03-04', 9, 60)]);
});

describe('getPlatformOverview', () => {
  it('sums the range, compares with the previous period and fills empty days', async () => {
    const o = (await getPlatformOverview(admin, range))!;
    expect(o.range).toEqual(range);
    expect(o.previous).toEqual({ from: '1991-02-22', to: '1991-02-28' });
    expect(o.preset).toBeNull();
    expect(o.daily.map((d) => d.day)).toEqual(['1991-03-01', '1991-03-02', '1991-03-03', '1991-03-04', '1991-03-05', '1991-03-06', '1991-03-07']);
    expect(o.daily[0]).toMatchObject({ activeStudents: 4, newUsers: 2, watchHours: 2, uploads: 1 });
    expect(o.daily[1]).toMatchObject({ activeStudents: 0, watchHours: 0 });
    expect(o.totals.enrollments).toEqual({ value: 3, previous: 1 });
    expect(o.totals.watchHours).toEqual({ value: 3, previous: 0.5 });
    expect(o.totals.lessonCompletions).toEqual({ value: 5, previous: 0 });
    expect(o.totals.uploadedBytes).toEqual({ value: 1000, previous: 0 });
    // Active students do not add across days: the figure is the daily mean.
    expect(o.totals.avgActiveStudents).toEqual({ value: 1, previous: 2 });
  });

  it('ranks courses by watch time and lessons by views within the range', async () => {
    const o = (await getPlatformOverview(admin, range))!;
    expect(o.topCourses.map((c) => [c.courseId, c.enrollments, c.lessonCompletions, c.watchHours])).toEqual([
      [busy.id, 3, 4, 3],
      [quiet.id, 1, 0, 60 / 3600],
    ]);
    const [l1, l2] = busy.modules[0]!.lessonIds;
    expect(o.topLessons.map((l) => [l.lessonId, l.videoId, l.views, l.watchHours, l.courseTitle])).toEqual([
      [l2, videoId, 9, 60 / 3600, busy.title],
      [l1, videoId, 7, 1, busy.title],
    ]);
  });

  it("counts the store's videos and bytes", async () => {
    const o = (await getPlatformOverview(admin, range))!;
    expect(o.storage.videos).toBeGreaterThanOrEqual(1);
    expect(o.storage.readyVideos).toBeGreaterThanOrEqual(1);
    expect(o.storage.sourceBytes).toBeGreaterThanOrEqual(123_456);
    expect(o.storage.assetsBytes).toBeGreaterThanOrEqual(654_321);
  });

  it('is for admins only', async () => {
    for (const role of ['author', 'moderator', 'student'] as const) expect(await getPlatformOverview(actorOf(await createUser(db, { role })), range)).toBeNull();
  });

  it('falls back to the default preset on an invalid range', async () => {
    const o = (await getPlatformOverview(admin, { from: '1991-03-07', to: '1991-03-01' }))!;
    expect(o.preset).toBe('28d');
    expect(o.daily).toHaveLength(28);
  });
});
