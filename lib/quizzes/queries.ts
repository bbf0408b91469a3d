import 'server-only';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { quizAttempts, users, type QuizAnswer } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import type { AttemptResult, EditorQuestion, PendingAttempt, QuizEditorData, QuizTaking } from './dto';
import { drawAttempt } from './draw';
import { closeExpiredAttempts } from './attempts';
import { describeCorrect, loadQuestions, loadQuestionsByIds, loadSettings, toTakingQuestion } from './shared';
import { canStartAttempt } from './timing';

const answerText = (a: QuizAnswer | undefined) => (a === undefined || a === null ? '' : typeof a === 'string' ? a : JSON.stringify(a));

/** The quiz editor's data, answers included. Caller checked that the actor edits this course and that the lesson is a quiz of it. */
export async function getQuizEditor(courseId: string, lessonId: string): Promise<QuizEditorData> {
  const [settings, questions, pendingRows] = await Promise.all([
    loadSettings(lessonId),
    loadQuestions(lessonId),
    db
      .select({ attempt: quizAttempts, studentName: users.name })
      .from(quizAttempts)
      .innerJoin(users, eq(users.id, quizAttempts.userId))
      .where(and(eq(quizAttempts.lessonId, lessonId), eq(quizAttempts.courseId, courseId), eq(quizAttempts.status, 'pending_review')))
      .orderBy(asc(quizAttempts.submittedAt))
      .limit(50),
  ]);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const pending: PendingAttempt[] = pendingRows.map(({ attempt, studentName }) => ({
    id: attempt.id,
    studentName,
    attemptNo: attempt.attemptNo,
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    open: attempt.questionIds
      .map((id) => byId.get(id))
      .filter((q): q is NonNullable<typeof q> => q?.type === 'open')
      .map((q) => ({ questionId: q.id, prompt: q.prompt, max: q.points, answer: answerText(attempt.answers[q.id]) })),
  }));
  return {
    courseId,
    lessonId,
    settings,
    questions: questions.map((q): EditorQuestion => ({ id: q.id, type: q.type, prompt: q.prompt, points: q.points, explanation: q.explanation, config: q.config })),
    pending,
  };
}

/**
 * The quiz as the viewer takes it: the attempt in progress (questions without answers), the last
 * result, and whether a new attempt may start. Caller checked the lesson is open to the viewer.
 * `canTake` is false for visitors on a free preview: they get a read-only preview.
 */
export async function getQuizTaking(viewer: SessionUser | null, p: { courseId: string; lessonId: string; canTake: boolean }, now = new Date()): Promise<QuizTaking> {
  const settings = await loadSettings(p.lessonId);
  const questions = await loadQuestions(p.lessonId);
  const base = {
    courseId: p.courseId,
    lessonId: p.lessonId,
    settings: { passPercent: settings.passPercent, attemptsAllowed: settings.attemptsAllowed, cooldownMinutes: settings.cooldownMinutes, timeLimitSeconds: settings.timeLimitSeconds, layout: settings.layout },
    questionCount: settings.poolSize ? Math.min(settings.poolSize, questions.length) : questions.length,
  };
  if (!viewer || !p.canTake) {
    const drawn = drawAttempt(questions.map((q) => ({ id: q.id, type: q.type, itemIds: q.config.items?.map((i) => i.id), pairIds: q.config.pairs?.map((x) => x.id) })), { poolSize: null, shuffleQuestions: false, shuffleOptions: false });
    return { ...base, canTake: false, attemptsUsed: 0, current: null, last: null, hasPassed: false, blocked: null, preview: questions.map((q) => toTakingQuestion(q, drawn.optionOrder[q.id])) };
  }
  await closeExpiredAttempts(viewer.id, p.lessonId, now);
  const mine = await db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, viewer.id), eq(quizAttempts.lessonId, p.lessonId)))
    .orderBy(desc(quizAttempts.attemptNo));
  const open = mine.find((a) => a.status === 'in_progress') ?? null;
  const lastDone = mine.find((a) => a.status !== 'in_progress') ?? null;
  let current: QuizTaking['current'] = null;
  if (open) {
    const qs = await loadQuestionsByIds(open.questionIds);
    current = {
      id: open.id,
      attemptNo: open.attemptNo,
      questions: qs.map((q) => toTakingQuestion(q, open.optionOrder[q.id])),
      answers: open.answers,
      deadlineAt: open.deadlineAt?.toISOString() ?? null,
      serverNow: now.toISOString(),
    };
  }
  let last: AttemptResult | null = null;
  if (lastDone) {
    const qs = await loadQuestionsByIds(lastDone.questionIds);
    const reveal = settings.showAnswers === 'after_submit' || (settings.showAnswers === 'after_pass' && lastDone.passed === true);
    last = {
      id: lastDone.id,
      attemptNo: lastDone.attemptNo,
      status: lastDone.status as AttemptResult['status'],
      score: lastDone.score ?? 0,
      maxScore: lastDone.maxScore ?? 0,
      percent: lastDone.percent ?? 0,
      passed: lastDone.passed,
      submittedAt: lastDone.submittedAt?.toISOString() ?? null,
      questions: qs.map((q) => {
        const r = lastDone.results?.[q.id];
        return {
          id: q.id,
          type: q.type,
          prompt: q.prompt,
          points: r?.points ?? 0,
          max: r?.max ?? q.points,
          correct: r?.correct ?? null,
          feedback: r?.feedback ?? [],
          ...(reveal ? { correctAnswer: describeCorrect(q), explanation: q.explanation || undefined } : {}),
        };
      }),
    };
  }
  const used = mine.length;
  const lastSubmitted = mine.find((a) => a.submittedAt)?.submittedAt ?? null;
  const check = open ? ({ ok: true } as const) : canStartAttempt({ used, attemptsAllowed: settings.attemptsAllowed, lastSubmittedAt: lastSubmitted, cooldownMinutes: settings.cooldownMinutes, now });
  return {
    ...base,
    canTake: true,
    attemptsUsed: used,
    current,
    last,
    hasPassed: mine.some((a) => a.passed === true),
    blocked: check.ok ? null : check.reason === 'cooldown' ? { reason: 'cooldown', retryAt: check.retryAt.toISOString() } : { reason: 'attempts_exhausted' },
    preview: null,
  };
}

/** How many attempts a student used (for tests and reports). */
export async function countAttempts(userId: string, lessonId: string) {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(quizAttempts).where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.lessonId, lessonId)));
  return n;
}
