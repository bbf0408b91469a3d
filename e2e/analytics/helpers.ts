import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { createCourse, createUser } from '../../db/factories';
import { courseDaily, enrollments, homeworkMessages, homeworkSubmissions, lessonProgress, lessons, quizAttempts, quizQuestions, videoDaily, videos, videoViews, watchSegments } from '../../db/schema';
import { createBoss, QUEUES } from '../../lib/jobs/queues';
import { db } from '../fixtures';

// Analytics specs seed raw data straight into the database on one past day that no other spec uses,
// then let the real roll-up (the worker's `analytics-rollup` job, running beside the e2e server) fold
// it. Every figure the dashboards show for that day follows from the values below.

export const VIDEO_SECONDS = 60;

/** A day 40 days ago (UTC, the e2e analytics time zone) plus a random offset, so reruns in one database do not collide. */
export function seedDay() {
  const d = new Date(Date.now() - (40 + Math.floor(Math.random() * 200)) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * A published course (video, text, quiz, homework lessons), three students and, on `day`:
 * - views of the 60 s video: A watches 0–60 (ends), B 0–30 then 20–40 (rewatch, leaves at 40),
 *   C 0–20 (leaves), D opens the player and never starts → 4 view starts, 3 views, R(30) = 2/3,
 *   completion 1/3, average % watched 2/3, watch time 130 s, startup p50 600 ms;
 * - enrollments of all three; Ann completes every lesson and the course, Bob is 40/60 into the video;
 * - quiz: Ann fails then passes, Bob fails (3 attempts, 1 pass); the second question is the hardest;
 * - homework: reviewed after 2 h, resubmitted and accepted after 10 min; Bob's waits.
 */
export async function seedAnalytics(ownerId: string, day: string) {
  const at = (hh: number, mm = 0) => new Date(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`);
  const course = await createCourse(db, { ownerId, status: 'published', modules: 1, lessonsPerModule: 4 });
  const [L1, L2, L3, L4] = course.modules[0]!.lessonIds as [string, string, string, string];
  const titles = ['Welcome video', 'Reading', 'Check-up quiz', 'Essay'];
  const types = ['video', 'text', 'quiz', 'homework'] as const;
  for (const [i, id] of [L1, L2, L3, L4].entries()) await db.update(lessons).set({ type: types[i]!, title: titles[i]! }).where(eq(lessons.id, id));

  const videoId = randomUUID();
  await db.insert(videos).values({
    id: videoId, courseId: course.id, lessonId: L1, createdById: ownerId, filename: 'welcome.mp4', contentType: 'video/mp4', size: 5_000_000,
    sourceKey: `courses/${course.id}/videos/${videoId}/source`, partSize: 16 * 1024 * 1024, status: 'ready', playback: 'progressive', durationSeconds: VIDEO_SECONDS, uploadedAt: at(8), readyAt: at(8, 5),
  });
  await db.update(lessons).set({ videoId, durationSeconds: VIDEO_SECONDS, completionRule: { kind: 'video_coverage', percent: 90 } }).where(eq(lessons.id, L1));

  const students = [];
  for (const name of ['Ann Analytics', 'Bob Analytics', 'Cid Analytics']) students.push(await createUser(db, { role: 'student', name }));
  const [ann, bob, cid] = students as [(typeof students)[number], (typeof students)[number], (typeof students)[number]];
  await db.insert(enrollments).values(students.map((s) => ({ courseId: course.id, userId: s.id, source: 'staff' as const, enrolledAt: at(8), completedAt: s === ann ? at(12) : null })));
  await db.insert(lessonProgress).values([
    ...[L1, L2, L3, L4].map((lessonId) => ({ userId: ann.id, lessonId, courseId: course.id, status: 'completed' as const, coverage: lessonId === L1 ? 1 : 0, coveredSeconds: lessonId === L1 ? 60 : 0, completedAt: at(11), firstOpenedAt: at(10), updatedAt: at(11) })),
    { userId: bob.id, lessonId: L1, courseId: course.id, status: 'in_progress' as const, coverage: 40 / 60, coveredSeconds: 40, firstOpenedAt: at(10), updatedAt: at(10, 30) },
  ]);

  const [q1, q2] = await db
    .insert(quizQuestions)
    .values([
      { lessonId: L3, position: 0, type: 'single' as const, prompt: 'What is 2 + 2?' },
      { lessonId: L3, position: 1, type: 'single' as const, prompt: 'Which second do most viewers leave at?' },
    ])
    .returning({ id: quizQuestions.id });
  const attempt = (userId: string, attemptNo: number, a: boolean, b: boolean) => ({
    lessonId: L3, courseId: course.id, userId, attemptNo, status: 'graded' as const, questionIds: [q1!.id, q2!.id],
    results: { [q1!.id]: { points: +a, max: 1, correct: a }, [q2!.id]: { points: +b, max: 1, correct: b } },
    score: +a + +b, maxScore: 2, percent: ((+a + +b) / 2) * 100, passed: a && b, startedAt: at(10, 10 + attemptNo), submittedAt: at(10, 20 + attemptNo),
  });
  await db.insert(quizAttempts).values([attempt(ann.id, 1, true, false), attempt(ann.id, 2, true, true), attempt(bob.id, 1, false, false)]);

  const [sub1] = await db.insert(homeworkSubmissions).values({ lessonId: L4, courseId: course.id, studentId: ann.id, status: 'accepted', submittedAt: at(13, 10), reviewedAt: at(13, 20), acceptedAt: at(13, 20), createdAt: at(11), lastMessageAt: at(13, 20) }).returning();
  await db.insert(homeworkMessages).values([
    { submissionId: sub1!.id, authorId: ann.id, role: 'student', kind: 'submission', createdAt: at(11) },
    { submissionId: sub1!.id, role: 'teacher', kind: 'returned', createdAt: at(13) },
    { submissionId: sub1!.id, authorId: ann.id, role: 'student', kind: 'submission', createdAt: at(13, 10) },
    { submissionId: sub1!.id, role: 'teacher', kind: 'accepted', createdAt: at(13, 20) },
  ]);
  const [sub2] = await db.insert(homeworkSubmissions).values({ lessonId: L4, courseId: course.id, studentId: bob.id, status: 'submitted', submittedAt: at(14), createdAt: at(14), lastMessageAt: at(14) }).returning();
  await db.insert(homeworkMessages).values({ submissionId: sub2!.id, authorId: bob.id, role: 'student', kind: 'submission', createdAt: at(14) });

  type Seg = [number, number];
  const view = (userId: string, segs: Seg[], f: { ended?: boolean; last: number; startup: number | null }) => {
    const id = randomUUID();
    const played = segs.reduce((s, [a, b]) => s + b - a, 0);
    return {
      row: {
        id, videoId, lessonId: L1, courseId: course.id, userId, startedAt: at(10), firstBeatAt: at(10), lastBeatAt: at(10, 5), lastSeq: 3, state: f.ended ? 'ended' : 'paused',
        lastPosition: f.last, maxPosition: Math.max(f.last, ...segs.map((s) => s[1])), playedSeconds: played, contentSeconds: played, segmentCount: segs.length,
        startupMs: f.startup, ended: Boolean(f.ended), device: 'desktop', browser: 'Chrome', revision: 1, closedAt: at(11),
      },
      segs: segs.map(([a, b], i) => ({ viewId: id, videoId, lessonId: L1, userId, fromSeconds: a, toSeconds: b, rate: 1, createdAt: at(10, 1 + i) })),
    };
  };
  const vs = [
    view(ann.id, [[0, 60]], { ended: true, last: 60, startup: 400 }),
    view(bob.id, [[0, 30], [20, 40]], { last: 40, startup: 600 }),
    view(cid.id, [[0, 20]], { last: 20, startup: 800 }),
    view(ann.id, [], { last: 0, startup: null }),
  ];
  await db.insert(videoViews).values(vs.map((v) => v.row));
  await db.insert(watchSegments).values(vs.flatMap((v) => v.segs));
  return { course, videoId, lessonIds: [L1, L2, L3, L4], students: { ann, bob, cid } };
}

/** Asks the worker for a roll-up now and waits until the seeded day of the course is folded. */
export async function waitForRollup(courseId: string, videoId: string, day: string) {
  const boss = createBoss(process.env.DATABASE_URL!, { worker: false });
  boss.on('error', () => {});
  await boss.start();
  try {
    await expect
      .poll(
        async () => {
          const [v] = await db.select({ views: videoDaily.views }).from(videoDaily).where(and(eq(videoDaily.videoId, videoId), eq(videoDaily.day, day)));
          const [c] = await db.select({ enrollments: courseDaily.enrollments }).from(courseDaily).where(and(eq(courseDaily.courseId, courseId), eq(courseDaily.day, day)));
          if (v?.views === 3 && c?.enrollments === 3) return true;
          // A singleton queue: while a run is queued or active this returns null, which is fine.
          await boss.send(QUEUES.analyticsRollup, {}).catch(() => null);
          return false;
        },
        { timeout: 120_000, intervals: [1_000, 2_000, 5_000] },
      )
      .toBe(true);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
