import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse, createUser, enroll } from '@/db/factories';
import { courseDaily, enrollments, homeworkMessages, homeworkSubmissions, lessonProgress, lessons, quizAttempts, quizQuestions } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { getCourseAnalytics, listCourseStudents } from './course-queries';
import { studentListSchema } from './dashboard-schemas';
import { addDays, todayIn } from './schemas';

// Other files share the database: every figure here is scoped to a course made for this file.
const actorOf = (u: { id: string; email: string; name: string; role: SessionUser['role'] }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
const now = new Date();
const today = todayIn('UTC', now);
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;

let owner: SessionUser;
let courseId: string;
let lessonIds: string[];
let s: Awaited<ReturnType<typeof createUser>>[];
let q1: string;
let q2: string;

beforeAll(async () => {
  owner = actorOf(await createUser(db, { role: 'author', name: 'Owner' }));
  const c = await createCourse(db, { ownerId: owner.id, status: 'published', modules: 1, lessonsPerModule: 4 });
  courseId = c.id;
  lessonIds = c.modules[0]!.lessonIds;
  const types = ['video', 'text', 'quiz', 'homework'] as const;
  for (const [i, id] of lessonIds.entries()) await db.update(lessons).set({ type: types[i]! }).where(eq(lessons.id, id));
  s = [];
  for (const name of ['Ann Alpha', 'Bob Beta', 'Cid Gamma', 'Dan Removed']) {
    const u = await createUser(db, { role: 'student', name });
    await enroll(db, courseId, u.id);
    s.push(u);
  }
  await db.update(enrollments).set({ status: 'removed', removedAt: now }).where(eq(enrollments.userId, s[3]!.id));
  await db.update(enrollments).set({ completedAt: now }).where(eq(enrollments.userId, s[0]!.id));
  const [L1, L2, L3, L4] = lessonIds as [string, string, string, string];
  await db.insert(lessonProgress).values([
    ...[L1, L2, L3, L4].map((lessonId) => ({ userId: s[0]!.id, lessonId, courseId, status: 'completed' as const, coverage: lessonId === L1 ? 1 : 0, completedAt: now, updatedAt: ago(5 * MIN) })),
    { userId: s[1]!.id, lessonId: L1, courseId, status: 'in_progress' as const, coverage: 0.5, updatedAt: ago(60 * MIN) },
    // The removed student's progress counts nowhere.
    { userId: s[3]!.id, lessonId: L1, courseId, status: 'completed' as const, coverage: 1, completedAt: now },
  ]);
  const qs = await db
    .insert(quizQuestions)
    .values([
      { lessonId: L3, position: 0, type: 'single' as const, prompt: 'Easy one' },
      { lessonId: L3, position: 1, type: 'single' as const, prompt: 'Hard one' },
    ])
    .returning({ id: quizQuestions.id });
  [q1, q2] = [qs[0]!.id, qs[1]!.id];
  const res = (a: boolean, b: boolean) => ({ [q1]: { points: a ? 1 : 0, max: 1, correct: a }, [q2]: { points: b ? 1 : 0, max: 1, correct: b } });
  const attempt = (userId: string, attemptNo: number, a: boolean, b: boolean) => ({
    lessonId: L3, courseId, userId, attemptNo, status: 'graded' as const, questionIds: [q1, q2], results: res(a, b), percent: ((+a + +b) / 2) * 100, passed: a && b, submittedAt: ago(30 * MIN),
  });
  await db.insert(quizAttempts).values([attempt(s[0]!.id, 1, true, false), attempt(s[0]!.id, 2, true, true), attempt(s[1]!.id, 1, false, false)]);
  // Review times: 2 h for the first submission, 10 min for the resubmission; one still waiting.
  const [sub1] = await db.insert(homeworkSubmissions).values({ lessonId: L4, courseId, studentId: s[0]!.id, status: 'accepted' }).returning();
  await db.insert(homeworkMessages).values([
    { submissionId: sub1!.id, role: 'student', kind: 'submission', createdAt: ago(180 * MIN) },
    { submissionId: sub1!.id, role: 'teacher', kind: 'comment', createdAt: ago(170 * MIN) },
    { submissionId: sub1!.id, role: 'teacher', kind: 'returned', createdAt: ago(60 * MIN) },
    { submissionId: sub1!.id, role: 'student', kind: 'submission', createdAt: ago(50 * MIN) },
    { submissionId: sub1!.id, role: 'teacher', kind: 'accepted', createdAt: ago(40 * MIN) },
  ]);
  const [sub2] = await db.insert(homeworkSubmissions).values({ lessonId: L4, courseId, studentId: s[1]!.id, status: 'submitted' }).returning();
  await db.insert(homeworkMessages).values({ submissionId: sub2!.id, role: 'student', kind: 'submission', createdAt: ago(10 * MIN) });
  const day = (d: string, f: Partial<typeof courseDaily.$inferInsert>) => ({
    courseId, day: d, enrollments: 0, activeStudents: 0, lessonCompletions: 0, courseCompletions: 0, quizAttempts: 0, quizPassed: 0, homeworkSubmitted: 0, homeworkAccepted: 0, reviewSecondsSum: 0, reviewCount: 0, watchSeconds: 0, ...f,
  });
  await db.insert(courseDaily).values([
    day(today, { enrollments: 3, activeStudents: 2, quizAttempts: 3, quizPassed: 1, watchSeconds: 5400 }),
    day(addDays(today, -1), { activeStudents: 1, watchSeconds: 1800 }),
    day(addDays(today, -8), { enrollments: 1, activeStudents: 7, quizAttempts: 1, quizPassed: 1 }),
  ]);
});

describe('getCourseAnalytics', () => {
  it('reads the roll-ups over the range against the previous period', async () => {
    const a = (await getCourseAnalytics(owner, courseId, { preset: '7d' }, now))!;
    expect(a.range).toEqual({ from: addDays(today, -6), to: today });
    expect(a.daily).toHaveLength(7);
    expect(a.daily.at(-1)).toMatchObject({ day: today, enrollments: 3, watchHours: 1.5 });
    expect(a.daily[0]).toMatchObject({ enrollments: 0, activeStudents: 0 });
    expect(a.totals.enrollments).toEqual({ value: 3, previous: 1 });
    expect(a.totals.watchHours).toEqual({ value: 2, previous: 0 });
    expect(a.totals.avgActiveStudents.value).toBeCloseTo(3 / 7);
    expect(a.totals.avgActiveStudents.previous).toBeCloseTo(1);
    expect(a.totals.quizPassRate).toEqual({ value: 1 / 3, previous: 1 });
  });

  it('builds the funnel and lesson table from the students enrolled now', async () => {
    const a = (await getCourseAnalytics(owner, courseId, {}, now))!;
    expect(a.enrolledStudents).toBe(3);
    expect(a.funnel.map((f) => [f.key, f.students])).toEqual([['enrolled', 3], ['started', 2], ['lesson', 1], ['lesson', 1], ['lesson', 1], ['lesson', 1], ['completed', 1]]);
    const [video, text] = a.lessons;
    expect(video).toMatchObject({ lessonId: lessonIds[0], started: 2, completed: 1, dropOff: 0.5, avgCoverage: 0.75 });
    expect(video!.completionRate).toBeCloseTo(1 / 3);
    expect(text).toMatchObject({ started: 1, completed: 1, dropOff: 0, avgCoverage: null });
  });

  it('computes quiz pass rates, the hardest questions first, and homework review times', async () => {
    const a = (await getCourseAnalytics(owner, courseId, { preset: '7d' }, now))!;
    expect(a.quizzes).toEqual([{ lessonId: lessonIds[2], title: expect.any(String), attempts: 3, students: 2, passedStudents: 1, passRate: 0.5, avgPercent: 50 }]);
    expect(a.hardestQuestions.map((h) => [h.prompt, h.answered])).toEqual([['Hard one', 3], ['Easy one', 3]]);
    expect(a.hardestQuestions[0]!.correctRate).toBeCloseTo(1 / 3);
    expect(a.hardestQuestions[1]!.avgScore).toBeCloseTo(2 / 3);
    expect(a.homework).toEqual({ submissions: 3, reviewed: 2, waiting: 1, medianSeconds: 3900, p90Seconds: 600 + 0.9 * 6600 });
  });

  it('leaves out what happened outside the range', async () => {
    const a = (await getCourseAnalytics(owner, courseId, { from: addDays(today, -30), to: addDays(today, -20) }, now))!;
    expect(a.quizzes[0]!.attempts).toBe(0);
    expect(a.hardestQuestions).toEqual([]);
    expect(a.homework).toMatchObject({ submissions: 0, medianSeconds: null, waiting: 1 });
  });

  it('groups the students enrolled now into cohorts by month of enrollment, oldest first', async () => {
    const c = await createCourse(db, { ownerId: owner.id, status: 'published', modules: 1, lessonsPerModule: 3 });
    const [L1, L2, L3] = c.modules[0]!.lessonIds as [string, string, string];
    // A draft lesson counts in nobody's progress.
    await db.update(lessons).set({ status: 'draft' }).where(eq(lessons.id, L3));
    const students = await Promise.all([0, 1, 2, 3].map(() => createUser(db, { role: 'student' })));
    const [done, started, idle, removed] = students as [(typeof students)[number], (typeof students)[number], (typeof students)[number], (typeof students)[number]];
    await db.insert(enrollments).values([
      { courseId: c.id, userId: done.id, source: 'staff', enrolledAt: new Date('2025-03-31T23:30:00Z'), completedAt: now },
      { courseId: c.id, userId: started.id, source: 'staff', enrolledAt: new Date('2025-03-01T00:00:00Z') },
      { courseId: c.id, userId: idle.id, source: 'staff', enrolledAt: new Date('2025-05-20T10:00:00Z') },
      { courseId: c.id, userId: removed.id, source: 'staff', enrolledAt: new Date('2025-03-10T10:00:00Z'), status: 'removed', removedAt: now },
    ]);
    await db.insert(lessonProgress).values([
      ...[L1, L2, L3].map((lessonId) => ({ userId: done.id, lessonId, courseId: c.id, status: 'completed' as const, completedAt: now })),
      { userId: started.id, lessonId: L1, courseId: c.id, status: 'in_progress' as const },
      { userId: removed.id, lessonId: L1, courseId: c.id, status: 'completed' as const, completedAt: now },
    ]);
    const a = (await getCourseAnalytics(owner, c.id, {}, now))!;
    expect(a.cohorts).toEqual([
      // 2 published lessons: the finisher did both, the other none → (2 + 0) / (2 × 2).
      { cohort: '2025-03', enrolled: 2, started: 2, completed: 1, startedRate: 1, completionRate: 0.5, avgProgress: 0.5 },
      { cohort: '2025-05', enrolled: 1, started: 0, completed: 0, startedRate: 0, completionRate: 0, avgProgress: 0 },
    ]);
  });

  it('is scoped: admins and the course editors read it; other authors, moderators and students get null', async () => {
    const editor = actorOf(await createUser(db, { role: 'author' }));
    await addCourseMember(db, courseId, editor.id, 'editor');
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    const stranger = actorOf(await createUser(db, { role: 'author' }));
    const other = await createCourse(db, { ownerId: stranger.id });
    expect(await getCourseAnalytics(editor, courseId, {})).not.toBeNull();
    expect(await getCourseAnalytics(admin, courseId, {})).not.toBeNull();
    expect(await getCourseAnalytics(stranger, courseId, {})).toBeNull();
    expect(await getCourseAnalytics(owner, other.id, {})).toBeNull();
    expect(await listCourseStudents(stranger, courseId, studentListSchema.parse({}))).toBeNull();
    // A member who is no longer an author (moderator, student) reads nothing either.
    for (const role of ['moderator', 'student'] as const) {
      const u = actorOf(await createUser(db, { role }));
      await addCourseMember(db, courseId, u.id, 'editor');
      expect(await getCourseAnalytics(u, courseId, {})).toBeNull();
    }
    expect(await getCourseAnalytics(admin, '00000000-0000-4000-8000-000000000000', {})).toBeNull();
    expect(await getCourseAnalytics(admin, 'not-a-uuid', {})).toBeNull();
  });
});

describe('listCourseStudents', () => {
  const list = (input: Record<string, string>, pageSize?: number) => listCourseStudents(owner, courseId, studentListSchema.parse(input), pageSize);

  it('lists the enrolled students with progress and coverage per lesson', async () => {
    const r = (await list({ sort: 'progress', dir: 'desc' }))!;
    expect(r.total).toBe(3);
    expect(r.students.map((x) => x.name)).toEqual(['Ann Alpha', 'Bob Beta', 'Cid Gamma']);
    expect(r.students[0]).toMatchObject({ completedLessons: 4, progress: 1, completedAt: expect.any(String) });
    expect(r.students[1]!.lessons[0]).toEqual({ lessonId: lessonIds[0], status: 'in_progress', coverage: 0.5 });
    expect(r.students[1]!.lessons[1]).toEqual({ lessonId: lessonIds[1], status: null, coverage: null });
    expect(r.students[2]!.lastActivityAt).toBeNull();
    expect(r.lessons.map((l) => l.type)).toEqual(['video', 'text', 'quiz', 'homework']);
  });

  it('searches by name or e-mail, sorts and pages', async () => {
    expect((await list({ q: 'beta' }))!.students.map((x) => x.name)).toEqual(['Bob Beta']);
    expect((await list({ q: s[2]!.email.toUpperCase() }))!.students.map((x) => x.name)).toEqual(['Cid Gamma']);
    expect((await list({ q: '%' }))!.total).toBe(0);
    expect((await list({ sort: 'name', dir: 'desc' }))!.students.map((x) => x.name)).toEqual(['Cid Gamma', 'Bob Beta', 'Ann Alpha']);
    expect((await list({ sort: 'lastActivity', dir: 'desc' }))!.students.map((x) => x.name)).toEqual(['Ann Alpha', 'Bob Beta', 'Cid Gamma']);
    const p2 = (await list({ sort: 'name', dir: 'asc', page: '2' }, 2))!;
    expect(p2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p2.students.map((x) => x.name)).toEqual(['Cid Gamma']);
  });
});
