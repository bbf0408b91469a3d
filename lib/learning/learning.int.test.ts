import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { createCourse, createUser, enroll } from '@/db/factories';
import { courses, enrollments, lessonProgress, lessons, videoResume, videos, videoViews } from '@/db/schema';
import { actorOf, makeActor } from '@/lib/courses/test-utils';
import { getPlayback } from '@/lib/videos/playback';
import { getCourseProgressView } from './access';
import type { Beat } from './beat-protocol';
import { writeBeats, submitBeats } from './ingest';
import { markLessonComplete, unlockLessonForStudent } from './mutations';
import { issueViewTicket, readViewTicket } from './ticket';

const DURATION = 100;

/** A published course of `n` published lessons; the first `videoLessons` are video lessons with a 100 s video. */
async function setup(opts: { n?: number; videoLessons?: number; sequential?: boolean; rule?: number } = {}) {
  const owner = await makeActor('author');
  const course = await createCourse(db, { ownerId: owner.id, status: 'published', modules: 1, lessonsPerModule: opts.n ?? 3 });
  await db.update(courses).set({ isSequential: opts.sequential ?? false }).where(eq(courses.id, course.id));
  const ids = course.modules[0]!.lessonIds;
  const videoIds: string[] = [];
  for (const id of ids.slice(0, opts.videoLessons ?? 1)) {
    const [v] = await db
      .insert(videos)
      .values({ courseId: course.id, filename: 'v.mp4', contentType: 'video/mp4', size: 1, sourceKey: `courses/${course.id}/videos/${id}/source`, partSize: 1, status: 'ready', playback: 'hls', hlsMaster: 'master.m3u8', assetsPrefix: 'x/', durationSeconds: DURATION })
      .returning();
    await db.update(lessons).set({ type: 'video', videoId: v!.id, completionRule: { kind: 'video_coverage', percent: opts.rule ?? 90 } }).where(eq(lessons.id, id));
    videoIds.push(v!.id);
  }
  const student = actorOf(await createUser(db, { role: 'student' }));
  await enroll(db, course.id, student.id);
  return { owner, course, lessonIds: ids, videoIds, student };
}

/** A view of `lessonId` that began `ago` seconds ago (server time), as the playback endpoint would issue. */
function ticketFor(s: Awaited<ReturnType<typeof setup>>, lessonIdx: number, ago: number) {
  const now = Date.now();
  return issueViewTicket({ videoId: s.videoIds[lessonIdx]!, lessonId: s.lessonIds[lessonIdx]!, courseId: s.course.id, userId: s.student.id, viewerKey: null, durationSeconds: DURATION }, now - ago * 1000).payload;
}

/** Beats every 10 s of real playing from `from` to `to` at `rate`, stamped as if sent back then. */
function playBeats(from: number, to: number, startedAt: number, rate = 1, firstSeq = 0): Beat[] {
  const beats: Beat[] = [];
  let pos = from;
  let seq = firstSeq;
  let at = startedAt;
  while (pos < to) {
    const next = Math.min(to, pos + 10 * rate);
    at += ((next - pos) / rate) * 1000;
    beats.push({ seq: seq++, at: Math.round(at), state: 'playing', pos: next, rate, segments: [[pos, next, rate]] });
    pos = next;
  }
  return beats;
}

const progressOf = async (userId: string, lessonId: string) => db.query.lessonProgress.findFirst({ where: and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)) });
const viewOf = (id: string) => db.query.videoViews.findFirst({ where: eq(videoViews.id, id) });

describe('beat ingestion', () => {
  it('stores segments, computes coverage from unique seconds, and completes the lesson at the rule', async () => {
    const s = await setup();
    const t = ticketFor(s, 0, 120);
    const beats = playBeats(0, 95, t.startedAt);
    const [ack] = await writeBeats([{ ticket: t, beats, device: 'desktop', browser: 'Chrome' }]);
    expect(ack!.stored).toEqual(beats.map((b) => b.seq));
    expect(ack!.progress).toMatchObject({ completed: true });
    expect(ack!.progress!.coverage).toBeCloseTo(0.95, 5);
    const p = (await progressOf(s.student.id, s.lessonIds[0]!))!;
    expect(p).toMatchObject({ status: 'completed', intervals: [[0, 95]] });
    const v = (await viewOf(t.viewId))!;
    expect(v.playedSeconds).toBeCloseTo(95, 3);
    expect(v).toMatchObject({ segmentCount: 10, device: 'desktop', browser: 'Chrome', userId: s.student.id });
    // Stopped within the last 5 s: the next visit starts from the beginning.
    expect((await db.query.videoResume.findFirst({ where: eq(videoResume.userId, s.student.id) }))?.position).toBe(0);
  });

  it('counts rewatched seconds once for coverage but in full for watch time, and gaps from seeking ahead not at all', async () => {
    const s = await setup();
    const t = ticketFor(s, 0, 300);
    const first = playBeats(0, 30, t.startedAt);
    const again = playBeats(0, 30, first.at(-1)!.at, 1, first.length);
    const ahead = playBeats(70, 80, again.at(-1)!.at, 1, first.length + again.length);
    await writeBeats([{ ticket: t, beats: [...first, ...again, ...ahead], device: null, browser: null }]);
    const p = (await progressOf(s.student.id, s.lessonIds[0]!))!;
    expect(p.coverage).toBeCloseTo(0.4, 5);
    expect(p.intervals).toEqual([
      [0, 30],
      [70, 80],
    ]);
    expect(p.watchSeconds).toBeCloseTo(70, 3);
    expect(p.status).toBe('in_progress');
    expect((await db.query.videoResume.findFirst({ where: eq(videoResume.userId, s.student.id) }))?.position).toBeCloseTo(80, 3);
  });

  it('does not let a forged beat claim 100 % watched 5 s after the view began', async () => {
    const s = await setup();
    const t = ticketFor(s, 0, 5);
    await writeBeats([{ ticket: t, beats: [{ seq: 0, at: Date.now(), state: 'ended', pos: 100, rate: 1, segments: [[0, 100, 1]] }], device: null, browser: null }]);
    const p = (await progressOf(s.student.id, s.lessonIds[0]!))!;
    expect(p.coverage).toBeLessThan(0.08);
    expect(p.status).toBe('in_progress');
    expect((await viewOf(t.viewId))!.rejectedSeconds).toBeGreaterThan(90);
    // Nor by claiming 4× speed: wall time is what is bounded.
    const t2 = ticketFor(s, 0, 10);
    await writeBeats([{ ticket: t2, beats: [{ seq: 0, at: Date.now(), state: 'playing', pos: 100, rate: 4, segments: [[0, 100, 4]] }], device: null, browser: null }]);
    expect((await progressOf(s.student.id, s.lessonIds[0]!))!.coverage).toBeLessThan(0.5);
  });

  it('applies every (view, seq) once, however often and concurrently it is replayed', async () => {
    const s = await setup();
    const t = ticketFor(s, 0, 200);
    const beats = playBeats(0, 50, t.startedAt);
    const sub = { ticket: t, beats, device: null, browser: null };
    // Concurrent duplicates (fetch + beacon + retry) land in one group commit or several.
    await Promise.all([submitBeats(sub), submitBeats(sub), submitBeats({ ...sub, beats: beats.slice(0, 2) })]);
    await submitBeats(sub);
    const v = (await viewOf(t.viewId))!;
    expect(v.segmentCount).toBe(5);
    expect(v.playedSeconds).toBeCloseTo(50, 3);
    const [{ n }] = (await db.execute(sql`select count(*)::int as n from watch_segments where view_id = ${t.viewId}`)) as unknown as [{ n: number }];
    expect(n).toBe(5);
    expect((await progressOf(s.student.id, s.lessonIds[0]!))!.watchSeconds).toBeCloseTo(50, 3);
  });

  it('refuses forged or expired tickets', () => {
    const s = { videoId: crypto.randomUUID(), lessonId: crypto.randomUUID(), courseId: crypto.randomUUID(), userId: null, viewerKey: 'k', durationSeconds: 10 };
    const { ticket } = issueViewTicket(s);
    expect(readViewTicket(ticket)).toMatchObject({ videoId: s.videoId });
    const [body, sig] = ticket.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), d: 99999 })).toString('base64url');
    expect(readViewTicket(`${forged}.${sig}`)).toBeNull();
    expect(readViewTicket(issueViewTicket(s, Date.now() - 9 * 3600_000).ticket)).toBeNull();
  });
});

describe('progression', () => {
  it('opens lesson N+1 of a sequential course only once lesson N is complete', async () => {
    const s = await setup({ sequential: true, n: 3 });
    let view = (await getCourseProgressView(s.student, s.course.id))!;
    expect(view.lessons.map((l) => l.locked?.kind ?? 'open')).toEqual(['open', 'sequence', 'sequence']);
    // A locked lesson's media is refused: no playback, hence no ticket for beats.
    expect(await getPlayback(s.student, s.videoIds[0]!, { lessonId: s.lessonIds[1]! })).toBeNull();

    const t = ticketFor(s, 0, 200);
    await writeBeats([{ ticket: t, beats: playBeats(0, 91, t.startedAt), device: null, browser: null }]);
    view = (await getCourseProgressView(s.student, s.course.id))!;
    expect(view.lessons.map((l) => l.locked?.kind ?? 'open')).toEqual(['open', 'open', 'sequence']);
    expect(view.nextLessonId).toBe(s.lessonIds[1]);
    expect(view.percent).toBe(33);

    // Lesson 2 is a text lesson ("view" rule): marked complete by the student; the course completes after 3.
    await markLessonComplete(s.student, { courseId: s.course.id, lessonId: s.lessonIds[1]! });
    await expect(markLessonComplete(s.student, { courseId: s.course.id, lessonId: s.lessonIds[0]! })).rejects.toMatchObject({ code: 'VALIDATION' });
    await markLessonComplete(s.student, { courseId: s.course.id, lessonId: s.lessonIds[2]! });
    const e = await db.query.enrollments.findFirst({ where: and(eq(enrollments.courseId, s.course.id), eq(enrollments.userId, s.student.id)) });
    expect(e?.completedAt).toBeInstanceOf(Date);
    expect((await getCourseProgressView(s.student, s.course.id))!.percent).toBe(100);
  });

  it('enforces drip dates on the server, and a teacher can open a lesson early for one student (audited)', async () => {
    const s = await setup({ n: 2, videoLessons: 0 });
    await db.update(lessons).set({ dripDays: 3 }).where(eq(lessons.id, s.lessonIds[1]!));
    const other = actorOf(await createUser(db, { role: 'student' }));
    await enroll(db, s.course.id, other.id);
    const lockOf = async (u: typeof s.student) => (await getCourseProgressView(u, s.course.id))!.lessons[1]!.locked;
    const lock = await lockOf(s.student);
    expect(lock?.kind).toBe('drip');
    expect(new Date((lock as { opensAt: string }).opensAt).getTime()).toBeGreaterThan(Date.now() + 2.9 * 86400_000);
    await expect(markLessonComplete(s.student, { courseId: s.course.id, lessonId: s.lessonIds[1]! })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await expect(unlockLessonForStudent(other, { courseId: s.course.id, lessonId: s.lessonIds[1]!, userId: s.student.id, reason: '' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await unlockLessonForStudent(s.owner, { courseId: s.course.id, lessonId: s.lessonIds[1]!, userId: s.student.id, reason: 'Travelling next week' });
    expect(await lockOf(s.student)).toBeNull();
    expect((await lockOf(other))?.kind).toBe('drip');
    const audit = await db.execute(sql`select data from audit_events where action = 'lesson.unlocked_for_student' and target_id = ${s.lessonIds[1]!}`);
    expect(audit[0]?.data).toMatchObject({ studentId: s.student.id, reason: 'Travelling next week' });
  });

  it('lets visitors open free-preview lessons only, and hides a draft course from students', async () => {
    const s = await setup({ n: 2 });
    await db.update(lessons).set({ isFreePreview: true }).where(eq(lessons.id, s.lessonIds[0]!));
    const visitor = (await getCourseProgressView(null, s.course.id))!;
    expect(visitor.lessons.map((l) => l.locked?.kind ?? 'open')).toEqual(['open', 'not_enrolled']);
    expect((await getPlayback(null, s.videoIds[0]!, { lessonId: s.lessonIds[0]!, viewerKey: 'anon' }))?.view).toBeTruthy();
    await db.update(courses).set({ status: 'draft' }).where(eq(courses.id, s.course.id));
    expect(await getCourseProgressView(s.student, s.course.id)).toBeNull();
    expect(await getCourseProgressView(s.owner, s.course.id)).not.toBeNull();
  });
});
