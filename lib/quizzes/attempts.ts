import 'server-only';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { enrollments, quizAttempts, type QuizAnswer } from '@/db/schema';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { openableLesson } from '@/lib/learning/access';
import { completeLesson } from '@/lib/learning/progress';
import './completion';
import { drawAttempt, type Rng } from './draw';
import type { GradeAttemptInput, SaveAnswersInput, SubmitAttemptInput } from './schemas';
import { gradeAnswers } from './scoring';
import { loadQuestions, loadQuestionsByIds, loadSettings } from './shared';
import { canStartAttempt, deadlineFor, isPastDeadline } from './timing';

// A student's attempts: start (draw questions, fix the deadline), save answers, submit (score on the
// server), and a teacher's grading of open answers. Every rule (access, attempts, cooldown,
// deadline, which questions belong to the attempt) is checked here, not in the browser.

type AttemptRow = typeof quizAttempts.$inferSelect;

/** The viewer may open the quiz lesson now and is enrolled (or staff). Locked, unenrolled or not a quiz → NOT_FOUND/FORBIDDEN. */
export async function assertCanTake(actor: SessionUser, courseId: string, lessonId: string) {
  const { view, lesson, allowed } = await openableLesson(actor, courseId, lessonId);
  if (!view || !lesson || !allowed || lesson.type !== 'quiz') throw new AppError('NOT_FOUND');
  if (!view.enrollment && !view.isStaff) throw new AppError('FORBIDDEN');
  return { view, lesson, enrolled: Boolean(view.enrollment) };
}

/** Starts an attempt, or returns the one in progress. Checks access, attempts left and the cooldown. */
export async function startAttempt(actor: SessionUser, input: { courseId: string; lessonId: string }, opts: { now?: Date; rng?: Rng } = {}) {
  await assertCanTake(actor, input.courseId, input.lessonId);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    // One start at a time per student and quiz (a double click must not use two attempts).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quiz:${actor.id}:${input.lessonId}`}))`);
    const settings = await loadSettings(input.lessonId, tx);
    const [open] = await tx
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, actor.id), eq(quizAttempts.lessonId, input.lessonId), eq(quizAttempts.status, 'in_progress')))
      .for('update');
    if (open) {
      if (!isPastDeadline(open.deadlineAt, now)) return { attemptId: open.id, resumed: true };
      await finalize(tx, open, now);
    }
    const [{ used } = { used: 0 }] = await tx.select({ used: count() }).from(quizAttempts).where(and(eq(quizAttempts.userId, actor.id), eq(quizAttempts.lessonId, input.lessonId)));
    const [last] = await tx
      .select({ submittedAt: quizAttempts.submittedAt })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, actor.id), eq(quizAttempts.lessonId, input.lessonId)))
      .orderBy(desc(quizAttempts.attemptNo))
      .limit(1);
    const check = canStartAttempt({ used, attemptsAllowed: settings.attemptsAllowed, lastSubmittedAt: last?.submittedAt ?? null, cooldownMinutes: settings.cooldownMinutes, now });
    if (!check.ok && check.reason === 'attempts_exhausted') throw new AppError('CONFLICT', 'attempts_exhausted');
    if (!check.ok && check.reason === 'cooldown') throw new AppError('RATE_LIMITED', 'cooldown', { retryAfterSeconds: Math.ceil((check.retryAt.getTime() - now.getTime()) / 1000) });
    const questions = await loadQuestions(input.lessonId, tx);
    if (!questions.length) throw new AppError('NOT_FOUND');
    const drawn = drawAttempt(
      questions.map((q) => ({ id: q.id, type: q.type, optionIds: q.config.options?.map((o) => o.id), itemIds: q.config.items?.map((i) => i.id), pairIds: q.config.pairs?.map((p) => p.id) })),
      settings,
      opts.rng,
    );
    const [row] = await tx
      .insert(quizAttempts)
      .values({
        lessonId: input.lessonId,
        courseId: input.courseId,
        userId: actor.id,
        attemptNo: used + 1,
        questionIds: drawn.questionIds,
        optionOrder: drawn.optionOrder,
        startedAt: now,
        deadlineAt: deadlineFor(now, settings.timeLimitSeconds),
      })
      .returning({ id: quizAttempts.id });
    return { attemptId: row!.id, resumed: false };
  });
}

/** The actor's own attempt, locked, after checking the lesson is still open to them. */
async function lockOwnAttempt(tx: Tx, actor: SessionUser, attemptId: string) {
  const [attempt] = await tx
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, actor.id)))
    .for('update');
  if (!attempt) throw new AppError('NOT_FOUND');
  return attempt;
}

/** Refuses answers for questions that are not part of this attempt (tampered ids). */
function checkIds(attempt: AttemptRow, answers: Record<string, QuizAnswer>) {
  const allowed = new Set(attempt.questionIds);
  const bad = Object.keys(answers).filter((id) => !allowed.has(id));
  if (bad.length) throw new AppError('VALIDATION', 'unknown_question', { fieldErrors: { answers: ['quiz.unknownQuestion'] } });
}

/** Save and continue: merges answers into the attempt in progress. Refused after the deadline (+ grace). */
export async function saveAnswers(actor: SessionUser, input: SaveAnswersInput, now = new Date()) {
  const pre = await db.query.quizAttempts.findFirst({ where: and(eq(quizAttempts.id, input.attemptId), eq(quizAttempts.userId, actor.id)), columns: { courseId: true, lessonId: true } });
  if (!pre) throw new AppError('NOT_FOUND');
  await assertCanTake(actor, pre.courseId, pre.lessonId);
  return db.transaction(async (tx) => {
    const attempt = await lockOwnAttempt(tx, actor, input.attemptId);
    if (attempt.status !== 'in_progress') throw new AppError('CONFLICT', 'attempt_closed');
    if (isPastDeadline(attempt.deadlineAt, now)) throw new AppError('CONFLICT', 'deadline_passed');
    checkIds(attempt, input.answers);
    const answers = { ...attempt.answers, ...input.answers };
    await tx.update(quizAttempts).set({ answers }).where(eq(quizAttempts.id, attempt.id));
    return { saved: Object.keys(input.answers).length };
  });
}

/**
 * Submits the attempt and scores it. After the deadline (+ grace) the posted answers are ignored and
 * what was saved in time is graded; the attempt is then closed either way.
 */
export async function submitAttempt(actor: SessionUser, input: SubmitAttemptInput, now = new Date()) {
  const pre = await db.query.quizAttempts.findFirst({ where: and(eq(quizAttempts.id, input.attemptId), eq(quizAttempts.userId, actor.id)), columns: { courseId: true, lessonId: true } });
  if (!pre) throw new AppError('NOT_FOUND');
  await assertCanTake(actor, pre.courseId, pre.lessonId);
  return db.transaction(async (tx) => {
    const attempt = await lockOwnAttempt(tx, actor, input.attemptId);
    if (attempt.status !== 'in_progress') throw new AppError('CONFLICT', 'attempt_closed');
    const late = isPastDeadline(attempt.deadlineAt, now);
    if (!late) checkIds(attempt, input.answers);
    const answers = late ? attempt.answers : { ...attempt.answers, ...input.answers };
    const r = await finalize(tx, { ...attempt, answers }, now);
    return { ...r, late };
  });
}

/** Scores and closes an attempt; completes the lesson when it passed. Runs in the caller's transaction. */
async function finalize(tx: Tx, attempt: AttemptRow, now: Date) {
  const settings = await loadSettings(attempt.lessonId, tx);
  const questions = await loadQuestionsByIds(attempt.questionIds, tx);
  const g = gradeAnswers(questions, attempt.answers, settings.passPercent, attempt.optionOrder);
  const status = g.pendingReview ? ('pending_review' as const) : ('graded' as const);
  await tx
    .update(quizAttempts)
    .set({ answers: attempt.answers, results: g.results, score: g.score, maxScore: g.maxScore, percent: g.percent, passed: g.passed, status, submittedAt: now })
    .where(eq(quizAttempts.id, attempt.id));
  if (g.passed) await completeIfEnrolled(tx, attempt);
  return { status, score: g.score, maxScore: g.maxScore, percent: g.percent, passed: g.passed };
}

async function completeIfEnrolled(tx: Tx, attempt: { userId: string; lessonId: string; courseId: string }) {
  const enrolled = await tx.query.enrollments.findFirst({
    where: and(eq(enrollments.courseId, attempt.courseId), eq(enrollments.userId, attempt.userId), eq(enrollments.status, 'active')),
    columns: { id: true },
  });
  // Staff trying their own quiz are not students: nothing to record.
  if (enrolled) await completeLesson(tx, attempt.userId, attempt.lessonId, attempt.courseId);
}

/** A course editor awards points for every open question of a pending attempt; the attempt is then graded. */
export async function gradeAttempt(actor: SessionUser, input: GradeAttemptInput) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    const [attempt] = await tx
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.id, input.attemptId), eq(quizAttempts.courseId, input.courseId)))
      .for('update');
    if (!attempt) throw new AppError('NOT_FOUND');
    if (attempt.status !== 'pending_review') throw new AppError('CONFLICT', 'not_pending');
    const settings = await loadSettings(attempt.lessonId, tx);
    const questions = await loadQuestionsByIds(attempt.questionIds, tx);
    const open = questions.filter((q) => q.type === 'open');
    const fieldErrors: Record<string, string[]> = {};
    for (const q of open) {
      const p = input.points[q.id];
      if (p === undefined) fieldErrors[`points.${q.id}`] = ['validation.required'];
      else if (p > q.points) fieldErrors[`points.${q.id}`] = ['quiz.pointsRange'];
    }
    if (Object.keys(input.points).some((id) => !open.some((q) => q.id === id))) fieldErrors.points = ['quiz.unknownQuestion'];
    if (Object.keys(fieldErrors).length) throw new AppError('VALIDATION', undefined, { fieldErrors });
    const g = gradeAnswers(questions, attempt.answers, settings.passPercent, attempt.optionOrder, input.points);
    await tx
      .update(quizAttempts)
      .set({ results: g.results, score: g.score, maxScore: g.maxScore, percent: g.percent, passed: g.passed, status: 'graded', gradedById: actor.id })
      .where(eq(quizAttempts.id, attempt.id));
    if (g.passed) await completeIfEnrolled(tx, attempt);
    return { score: g.score, percent: g.percent, passed: g.passed };
  });
}

/** Closes attempts of this student whose deadline passed (they are graded on what was saved). */
export async function closeExpiredAttempts(userId: string, lessonId: string, now = new Date()) {
  const open = await db
    .select({ id: quizAttempts.id, deadlineAt: quizAttempts.deadlineAt })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.lessonId, lessonId), eq(quizAttempts.status, 'in_progress')));
  const expired = open.filter((a) => isPastDeadline(a.deadlineAt, now)).map((a) => a.id);
  if (!expired.length) return 0;
  await db.transaction(async (tx) => {
    const rows = await tx.select().from(quizAttempts).where(and(inArray(quizAttempts.id, expired), eq(quizAttempts.status, 'in_progress'))).for('update');
    for (const row of rows) await finalize(tx, row, now);
  });
  return expired.length;
}
