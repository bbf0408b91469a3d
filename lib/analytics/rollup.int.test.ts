import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse, createUser, enroll } from '@/db/factories';
import { courseDaily, enrollments, lessons, videoDaily, videos, videoViews } from '@/db/schema';
import { actorOf, makeActor } from '@/lib/courses/test-utils';
import { writeBeats } from '@/lib/learning/ingest';
import { issueViewTicket } from '@/lib/learning/ticket';
import { runAnalyticsRollup } from './rollup';
import { addDays, todayIn } from './schemas';
import { getVideoAnalytics, videoRetention } from './video-queries';

// The roll-up job against raw rows shaped exactly as beat ingestion stores them. Other test files
// share this database, so every fold here is restricted to this file's videos (onlyVideoIds), and
// assertions read only this file's rows.

const DURATION = 100;
const today = todayIn('UTC');
const yesterday = addDays(today, -1);
const twoDaysAgo = addDays(today, -2);

async function setup() {
  const owner = await makeActor('author');
  const course = await createCourse(db, { ownerId: owner.id, status: 'published', modules: 1, lessonsPerModule: 1 });
  const lessonId = course.modules[0]!.lessonIds[0]!;
  const [video] = await db
    .insert(videos)
    .values({ courseId: course.id, filename: 'v.mp4', contentType: 'video/mp4', size: 1, sourceKey: `courses/${course.id}/videos/${randomUUID()}/source`, partSize: 1, status: 'ready', playback: 'hls', durationSeconds: DURATION })
    .returning();
  await db.update(lessons).set({ type: 'video', videoId: video!.id }).where(eq(lessons.id, lessonId));
  const students = await Promise.all([0, 1, 2].map(() => createUser(db, { role: 'student' })));
  for (const s of students) await enroll(db, course.id, s.id);
  return { owner, course, lessonId, videoId: video!.id, students };
}
type Setup = Awaited<ReturnType<typeof setup>>;

type RawView = { userId: string; day: string; hour?: number; segments: [number, number, number][]; skips?: [number, number][]; ended?: boolean; last?: number; closed?: boolean; startupMs?: number };

/** A view row and its segments, as ingestion leaves them; closed (idle for an hour) unless said otherwise. */
async function addView(s: Setup, v: RawView) {
  const id = randomUUID();
  const startedAt = new Date(`${v.day}T${String(v.hour ?? 10).padStart(2, '0')}:00:00Z`);
  const played = v.segments.reduce((a, [f, t, r]) => a + (t - f) / r, 0);
  const last = v.last ?? v.segments.at(-1)?.[1] ?? 0;
  await db.insert(videoViews).values({
    id,
    videoId: s.videoId,
    lessonId: s.lessonId,
    courseId: s.course.id,
    userId: v.userId,
    startedAt,
    firstBeatAt: startedAt,
    lastBeatAt: new Date(startedAt.getTime() + 600_000),
    lastSeq: 3,
    state: v.ended ? 'ended' : 'paused',
    lastPosition: last,
    maxPosition: Math.max(last, ...v.segments.map((x) => x[1])),
    playedSeconds: played,
    contentSeconds: v.segments.reduce((a, [f, t]) => a + t - f, 0),
    segmentCount: v.segments.length,
    startupMs: v.segments.length ? (v.startupMs ?? 400) : null,
    skips: v.skips ?? [],
    ended: v.ended ?? false,
    revision: 1,
    device: 'desktop',
    browser: 'Chrome',
    closedAt: v.closed === false ? null : new Date(startedAt.getTime() + 3_600_000),
  });
  if (v.segments.length) {
    await db.execute(sql`
      insert into watch_segments (view_id, video_id, lesson_id, user_id, from_seconds, to_seconds, rate, created_at)
      select ${id}, ${s.videoId}, ${s.lessonId}, ${v.userId}, f, t, r, ${new Date(startedAt.getTime() + 60_000).toISOString()}::timestamptz
      from unnest(${sql.param(v.segments.map((x) => x[0]))}::real[], ${sql.param(v.segments.map((x) => x[1]))}::real[], ${sql.param(v.segments.map((x) => x[2]))}::real[]) as u(f, t, r)`);
  }
  return id;
}

/** The video's roll-up rows, each with its own day's arrays (the stored ones are running totals). */
async function dailyRows(videoId: string) {
  const rows = await db.select().from(videoDaily).where(eq(videoDaily.videoId, videoId)).orderBy(videoDaily.day);
  return rows.map((r, i) => {
    const prev = rows[i - 1];
    const day = (a: Uint32Array, b?: Uint32Array) => a.map((x, t) => x - (b?.[t] ?? 0));
    return { ...r, coverage: day(r.coverageCum, prev?.coverageCum), plays: day(r.playsCum, prev?.playsCum), skips: day(r.skipsCum, prev?.skipsCum), exits: day(r.exitsCum, prev?.exitsCum) };
  });
}
const comparable = (rows: Awaited<ReturnType<typeof dailyRows>>) =>
  rows.map(({ foldedAt: _f, coverageCum, playsCum, skipsCum, exitsCum, coverage: _c, plays: _p, skips: _s, exits: _e, ...r }) => ({ ...r, cum: [coverageCum, playsCum, skipsCum, exitsCum].map((a) => Array.from(a)) }));

/** Three students over two days: a full watch, a rewatch at 2×, a skipper, and a view that never started. */
async function seedViews(s: Setup) {
  const [a, b, c] = s.students;
  await addView(s, { userId: a!.id, day: twoDaysAgo, segments: [[0, 100, 1]], ended: true, last: 100 });
  await addView(s, { userId: b!.id, day: twoDaysAgo, segments: [[0, 40, 2], [20, 40, 2]], last: 40 });
  await addView(s, { userId: c!.id, day: yesterday, segments: [[0, 10, 1], [50, 60, 1]], skips: [[10, 50]], last: 60 });
  await addView(s, { userId: a!.id, day: yesterday, hour: 12, segments: [[0, 30, 1]], last: 30 });
  await addView(s, { userId: b!.id, day: yesterday, hour: 13, segments: [] });
}

describe('analytics roll-up', () => {
  it('folds closed views into per-day rows whose figures follow the definitions', async () => {
    const s = await setup();
    await seedViews(s);
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    const rows = await dailyRows(s.videoId);
    expect(rows.map((r) => r.day)).toEqual([twoDaysAgo, yesterday]);
    const [d1, d2] = rows;
    expect(d1).toMatchObject({ viewStarts: 2, views: 2, uniqueViewers: 2, completedViews: 1, reachedEndViews: 1, durationSeconds: 100 });
    // 100 s at 1× + (40 + 20) s of content at 2× = 130 s of watch time; unique: 100 + 40.
    expect(d1!.watchSeconds).toBeCloseTo(130);
    expect(d1!.uniqueWatchSeconds).toBeCloseTo(140);
    expect(d1!.coverage[30]).toBe(2);
    expect(d1!.coverage[50]).toBe(1);
    expect(d1!.plays[30]).toBe(3);
    expect(d2).toMatchObject({ viewStarts: 3, views: 2, exitsBeforeStart: 1, uniqueViewers: 2 });
    expect(d2!.skips[20]).toBe(1);
    expect(d2!.skips[55]).toBe(0);
    expect(d2!.exits[60]).toBe(1);
    expect(d2!.exits[30]).toBe(1);
    // Views are marked folded at their revision, with their unique seconds.
    const marked = await db.select({ f: videoViews.foldedRevision, u: videoViews.uniqueSeconds }).from(videoViews).where(eq(videoViews.videoId, s.videoId));
    expect(marked.every((m) => m.f === 1)).toBe(true);
    expect(marked.map((m) => m.u).sort((x, y) => x! - y!)).toEqual([0, 20, 30, 40, 100]);
  });

  it('running twice, or after a run killed half-way, gives the same rows', async () => {
    const s = await setup();
    await seedViews(s);
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    const once = comparable(await dailyRows(s.videoId));
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    expect(comparable(await dailyRows(s.videoId))).toEqual(once);

    // Forget the folds, then stop after one video-day (as a crash between transactions would).
    await db.delete(videoDaily).where(eq(videoDaily.videoId, s.videoId));
    await db.update(videoViews).set({ foldedRevision: null }).where(eq(videoViews.videoId, s.videoId));
    const partial = await runAnalyticsRollup({ onlyVideoIds: [s.videoId], maxVideoDays: 1 });
    expect(partial.foldedVideoDays).toBe(1);
    expect((await dailyRows(s.videoId)).length).toBe(1);
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    expect(comparable(await dailyRows(s.videoId))).toEqual(once);
  });

  it('a late beat for a folded view re-folds that view-day', async () => {
    const s = await setup();
    const student = s.students[0]!;
    // A real view through ingestion: 30 s watched, then the view goes idle and is folded.
    const { payload } = issueViewTicket({ videoId: s.videoId, lessonId: s.lessonId, courseId: s.course.id, userId: student.id, viewerKey: null, durationSeconds: DURATION }, Date.now() - 120_000);
    const t0 = payload.startedAt;
    await writeBeats([{ ticket: payload, device: 'desktop', browser: 'Chrome', beats: [{ seq: 0, at: t0 + 31_000, state: 'paused', pos: 30, rate: 1, segments: [[0, 30, 1]] }] }]);
    await db.update(videoViews).set({ closedAt: new Date() }).where(eq(videoViews.id, payload.viewId));
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    const before = (await dailyRows(s.videoId))[0]!;
    expect(before.coverage[40]).toBe(0);
    expect(before.uniqueWatchSeconds).toBeCloseTo(30);

    // A beat queued in the browser arrives after the fold: 30–60 s.
    await writeBeats([{ ticket: payload, device: 'desktop', browser: 'Chrome', beats: [{ seq: 1, at: t0 + 62_000, state: 'paused', pos: 60, rate: 1, segments: [[30, 60, 1]] }] }]);
    const r = await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    expect(r.foldedVideoDays).toBe(1);
    const after = (await dailyRows(s.videoId))[0]!;
    expect(after.views).toBe(1);
    expect(after.coverage[40]).toBe(1);
    expect(after.uniqueWatchSeconds).toBeCloseTo(60);
  });

  it('refolding an earlier day carries into the running totals of later days; any range is exact', async () => {
    const s = await setup();
    await seedViews(s);
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    const yesterdayOnly = await videoRetention(s.videoId, { from: yesterday, to: yesterday });
    // A view of two days ago is closed late: only that day is refolded…
    await addView(s, { userId: s.students[2]!.id, day: twoDaysAgo, hour: 15, segments: [[0, 80, 1]], last: 80 });
    const r = await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    expect(r.foldedVideoDays).toBe(1);
    // …yet yesterday alone reads the same, and the two-day range includes the new view.
    expect(Array.from(await videoRetention(s.videoId, { from: yesterday, to: yesterday }))).toEqual(Array.from(yesterdayOnly));
    const both = await videoRetention(s.videoId, { from: twoDaysAgo, to: yesterday });
    expect(both[70]).toBeCloseTo(2 / 5); // the full watch and the new 0–80 view, of 5 views
    // And the rows equal those of folding everything from scratch.
    const incremental = comparable(await dailyRows(s.videoId));
    await db.delete(videoDaily).where(eq(videoDaily.videoId, s.videoId));
    await db.update(videoViews).set({ foldedRevision: null }).where(eq(videoViews.videoId, s.videoId));
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    expect(comparable(await dailyRows(s.videoId))).toEqual(incremental);
  });

  it('closes idle views and leaves playing ones open and out of the roll-ups', async () => {
    const s = await setup();
    const [a, b] = s.students;
    const idle = await addView(s, { userId: a!.id, day: yesterday, segments: [[0, 10, 1]], closed: false });
    const live = await addView(s, { userId: b!.id, day: today, segments: [[0, 10, 1]], closed: false });
    await db.update(videoViews).set({ lastBeatAt: new Date() }).where(eq(videoViews.id, live));
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    const rows = await db.select({ id: videoViews.id, closedAt: videoViews.closedAt }).from(videoViews).where(inArray(videoViews.id, [idle, live]));
    expect(rows.find((r) => r.id === idle)!.closedAt).not.toBeNull();
    expect(rows.find((r) => r.id === live)!.closedAt).toBeNull();
    expect((await dailyRows(s.videoId)).map((r) => r.day)).toEqual([yesterday]);
  });

  it('course roll-ups count enrollments, completions, quiz and watch activity per day', async () => {
    const s = await setup();
    await seedViews(s);
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId], rebuild: true });
    const rows = await db.select().from(courseDaily).where(eq(courseDaily.courseId, s.course.id)).orderBy(courseDaily.day);
    const byDay = new Map(rows.map((r) => [r.day, r]));
    expect(byDay.get(today)?.enrollments).toBe(3);
    expect(byDay.get(twoDaysAgo)).toMatchObject({ activeStudents: 2 });
    expect(byDay.get(twoDaysAgo)!.watchSeconds).toBeCloseTo(130);
    // Three students viewed yesterday (one view never started, but the student was there).
    expect(byDay.get(yesterday)).toMatchObject({ activeStudents: 3 });
    // Rerunning changes nothing.
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId], rebuild: true });
    const again = await db.select().from(courseDaily).where(eq(courseDaily.courseId, s.course.id)).orderBy(courseDaily.day);
    expect(again).toEqual(rows);
  });

  it('drops raw partitions older than the retention and keeps the roll-ups', async () => {
    const s = await setup();
    await db.execute(sql`create table if not exists watch_segments_200101 partition of watch_segments for values from ('2001-01-01') to ('2001-02-01')`);
    const id = await addView(s, { userId: s.students[0]!.id, day: '2001-01-15', segments: [[0, 50, 1]] });
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId], retentionDays: 180 });
    const exists = await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_class where relname = 'watch_segments_200101'`);
    expect(exists[0]!.n).toBe(0);
    // The old day was folded before its raw data went, and its roll-up stays.
    const [row] = await db.select().from(videoDaily).where(and(eq(videoDaily.videoId, s.videoId), eq(videoDaily.day, '2001-01-15')));
    expect(row?.uniqueWatchSeconds).toBeCloseTo(50);
    expect(await db.query.videoViews.findFirst({ where: eq(videoViews.id, id) })).toBeTruthy();
  });
});

describe('video analytics query', () => {
  it('computes the summary and curves from roll-ups; unique viewers are not summed across days', async () => {
    const s = await setup();
    await seedViews(s);
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    const a = await getVideoAnalytics(actorOf(s.owner), s.videoId, { preset: '7d' });
    expect(a).not.toBeNull();
    // Students a and b watched on both days: 3 distinct viewers, not 2 + 2. The two views of the
    // first day both ran 10:00–10:10: two at once.
    expect(a!.summary).toMatchObject({ viewStarts: 5, views: 4, uniqueViewers: 3, peakConcurrentViewers: 2 });
    expect(a!.summary.completionRate).toBeCloseTo(1 / 4);
    expect(a!.summary.avgWatchedShare).toBeCloseTo((1 + 0.4 + 0.2 + 0.3) / 4);
    expect(a!.summary.exitsBeforeStartRate).toBeCloseTo(1 / 5);
    // R(5) = 4/4, R(35) = 1/4 (only the full watch and the 2× viewer cover 35: 2/4).
    const r = new Map(a!.retention.map((p) => [p.t, p.retention]));
    expect(r.get(5)).toBe(1);
    expect(r.get(35)).toBe(0.5);
    expect(r.get(55)).toBe(0.5);
    expect(r.get(70)).toBe(0.25);
    expect(a!.summary.introRetention).toBe(0.5);
    expect(a!.skipZones.some((z) => z.from <= 20 && z.to >= 40)).toBe(true);
    const retention = await videoRetention(s.videoId, { from: twoDaysAgo, to: today });
    expect(retention.length).toBe(100);
    expect(retention[70]).toBe(0.25);
  });

  it('breaks the views down by the month the viewer enrolled; viewers not enrolled apart', async () => {
    const s = await setup();
    const [a, b, c] = s.students;
    await db.update(enrollments).set({ enrolledAt: new Date('2025-03-15T12:00:00Z') }).where(and(eq(enrollments.courseId, s.course.id), eq(enrollments.userId, a!.id)));
    await db.update(enrollments).set({ enrolledAt: new Date('2025-04-02T12:00:00Z') }).where(and(eq(enrollments.courseId, s.course.id), inArray(enrollments.userId, [b!.id, c!.id])));
    await seedViews(s);
    // The course owner previews half the video: a view by someone not enrolled.
    await addView(s, { userId: s.owner.id, day: yesterday, hour: 15, segments: [[0, 50, 1]] });
    await runAnalyticsRollup({ onlyVideoIds: [s.videoId] });
    const v = (await getVideoAnalytics(actorOf(s.owner), s.videoId, { preset: '7d' }))!;
    const byCohort = Object.fromEntries(v.cohorts.map((x) => [x.cohort ?? 'none', x]));
    expect(v.cohorts.map((x) => x.cohort)).toEqual(['2025-03', '2025-04', null]);
    // a: the full watch and 30 s of another view.
    expect(byCohort['2025-03']).toMatchObject({ views: 2, uniqueViewers: 1, completionRate: 0.5 });
    expect(byCohort['2025-03']!.avgWatchedShare).toBeCloseTo((1 + 0.3) / 2);
    expect(byCohort['2025-03']!.watchSeconds).toBeCloseTo(130);
    // b (40 s at 2×; the view that never started is no view) and c (20 s around a skip).
    expect(byCohort['2025-04']).toMatchObject({ views: 2, uniqueViewers: 2, completionRate: 0 });
    expect(byCohort['2025-04']!.avgWatchedShare).toBeCloseTo((0.4 + 0.2) / 2);
    expect(byCohort['2025-04']!.watchSeconds).toBeCloseTo(30 + 20);
    expect(byCohort.none).toMatchObject({ views: 1, uniqueViewers: 1, completionRate: 0, avgWatchedShare: 0.5 });
    // The cohorts partition the views of the range.
    expect(v.cohorts.reduce((n, x) => n + x.views, 0)).toBe(v.summary.views);
  });

  it('is scoped: course editors and admins only', async () => {
    const s = await setup();
    const editor = await makeActor('author');
    await addCourseMember(db, s.course.id, editor.id, 'editor');
    expect(await getVideoAnalytics(editor, s.videoId, {})).not.toBeNull();
    expect(await getVideoAnalytics(await makeActor('admin'), s.videoId, {})).not.toBeNull();
    expect(await getVideoAnalytics(await makeActor('author'), s.videoId, {})).toBeNull();
    expect(await getVideoAnalytics(await makeActor('moderator'), s.videoId, {})).toBeNull();
    expect(await getVideoAnalytics(actorOf(s.students[0]!), s.videoId, {})).toBeNull();
    expect(await getVideoAnalytics(actorOf(s.owner), randomUUID(), {})).toBeNull();
  });
});
