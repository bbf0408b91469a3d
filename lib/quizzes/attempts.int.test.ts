import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { createCourse, createUser, enroll } from '@/db/factories';
import { courses, lessonProgress, lessons, quizAttempts, quizzes } from '@/db/schema';
import { getCourseProgressView } from '@/lib/learning/access';
import { actorOf, makeActor } from '@/lib/courses/test-utils';
import { seededRng } from './draw';
import { deleteQuestion, gradeAttempt, moveQuestion, saveAnswers, saveQuestion, startAttempt, submitAttempt, updateQuizSettings } from './mutations';
import { getQuizEditor, getQuizTaking } from './queries';
import type { QuizSettingsInput } from './schemas';

const settings: Omit<QuizSettingsInput, 'courseId' | 'lessonId'> = { passPercent: 60, attemptsAllowed: null, cooldownMinutes: 0, timeLimitMinutes: null, shuffleQuestions: false, shuffleOptions: false, poolSize: null, layout: 'all', showAnswers: 'after_submit' };

/** A published sequential course: lesson 1 is a quiz (rule quiz_passed) with three questions, lesson 2 a text lesson. */
async function setup(opts: { sequential?: boolean; quizAt?: number; extra?: Partial<typeof settings> } = {}) {
  const owner = await makeActor('author');
  const course = await createCourse(db, { ownerId: owner.id, status: 'published', modules: 1, lessonsPerModule: 3 });
  await db.update(courses).set({ isSequential: opts.sequential ?? true }).where(eq(courses.id, course.id));
  const ids = course.modules[0]!.lessonIds;
  const quizId = ids[opts.quizAt ?? 0]!;
  await db.update(lessons).set({ type: 'quiz', completionRule: { kind: 'quiz_passed' } }).where(eq(lessons.id, quizId));
  const ref = { courseId: course.id, lessonId: quizId };
  await updateQuizSettings(owner, { ...ref, ...settings, ...opts.extra });
  const tf = await saveQuestion(owner, { ...ref, questionId: null, type: 'true_false', prompt: 'Sky is blue', points: 1, explanation: 'Rayleigh', config: { answer: true } });
  const single = await saveQuestion(owner, {
    ...ref,
    questionId: null,
    type: 'single',
    prompt: 'Capital of France',
    points: 1,
    explanation: '',
    config: { options: [{ id: 'lon', text: 'London' }, { id: 'par', text: 'Paris', correct: true, feedback: 'Right' }] },
  });
  const text = await saveQuestion(owner, { ...ref, questionId: null, type: 'short_text', prompt: '2+2 in words', points: 1, explanation: '', config: { accepted: ['four'] } });
  const student = actorOf(await createUser(db, { role: 'student' }));
  await enroll(db, course.id, student.id);
  return { owner, course, ref, ids, student, q: { tf: tf.id, single: single.id, text: text.id } };
}

const right = (s: Awaited<ReturnType<typeof setup>>) => ({ [s.q.tf]: true, [s.q.single]: 'par', [s.q.text]: ' Four ' });
const wrong = (s: Awaited<ReturnType<typeof setup>>) => ({ [s.q.tf]: false, [s.q.single]: 'lon', [s.q.text]: 'five' });

describe('quiz authoring', () => {
  it('orders questions densely on the server and lets only editors write', async () => {
    const s = await setup();
    await moveQuestion(s.owner, { ...s.ref, questionId: s.q.text, toIndex: 0 });
    expect((await getQuizEditor(s.course.id, s.ref.lessonId)).questions.map((q) => q.id)).toEqual([s.q.text, s.q.tf, s.q.single]);
    await deleteQuestion(s.owner, { ...s.ref, questionId: s.q.tf });
    const rows = await db.query.quizQuestions.findMany({ where: (t, { eq: e }) => e(t.lessonId, s.ref.lessonId) });
    expect(rows.map((r) => r.position).sort()).toEqual([0, 1]);
    for (const role of ['student', 'author'] as const) {
      await expect(moveQuestion(await makeActor(role), { ...s.ref, questionId: s.q.text, toIndex: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // A text lesson of the same course is not a quiz.
    await expect(saveQuestion(s.owner, { courseId: s.course.id, lessonId: s.ids[1]!, questionId: null, type: 'open', prompt: 'x', points: 1, explanation: '', config: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('taking a quiz', () => {
  it('the taking DTO carries no correct answers', async () => {
    const s = await setup();
    await startAttempt(s.student, s.ref);
    const taking = await getQuizTaking(s.student, { ...s.ref, canTake: true });
    const json = JSON.stringify(taking.current);
    expect(taking.current!.questions).toHaveLength(3);
    expect(json).not.toMatch(/"correct"|accepted|"answer"|feedback|Rayleigh|four/);
    const preview = await getQuizTaking(null, { ...s.ref, canTake: false });
    expect(JSON.stringify(preview.preview)).not.toMatch(/"correct"|accepted|four/);
  });

  it('saves answers, scores on submit, and a pass unlocks the next lesson of a sequential course', async () => {
    const s = await setup();
    let view = (await getCourseProgressView(s.student, s.course.id))!;
    expect(view.lessons[1]!.locked).toMatchObject({ kind: 'sequence' });
    const { attemptId } = await startAttempt(s.student, s.ref);
    await saveAnswers(s.student, { attemptId, answers: { [s.q.tf]: true } });
    // A reload resumes the same attempt with the saved answer.
    expect(await startAttempt(s.student, s.ref)).toEqual({ attemptId, resumed: true });
    expect((await getQuizTaking(s.student, { ...s.ref, canTake: true })).current!.answers).toEqual({ [s.q.tf]: true });
    const r = await submitAttempt(s.student, { attemptId, answers: { [s.q.single]: 'par', [s.q.text]: 'FOUR' } });
    expect(r).toMatchObject({ status: 'graded', score: 3, maxScore: 3, percent: 100, passed: true });
    view = (await getCourseProgressView(s.student, s.course.id))!;
    expect(view.lessons[0]!.status).toBe('completed');
    expect(view.lessons[1]!.locked).toBeNull();
    const taking = await getQuizTaking(s.student, { ...s.ref, canTake: true });
    expect(taking.last!.questions.find((q) => q.id === s.q.single)).toMatchObject({ correct: true, feedback: ['Right'], correctAnswer: 'Paris' });
  });

  it('a failed attempt does not complete the lesson; a resubmit is refused', async () => {
    const s = await setup();
    const { attemptId } = await startAttempt(s.student, s.ref);
    expect(await submitAttempt(s.student, { attemptId, answers: wrong(s) })).toMatchObject({ passed: false, score: 0 });
    expect(await db.query.lessonProgress.findFirst({ where: and(eq(lessonProgress.userId, s.student.id), eq(lessonProgress.lessonId, s.ref.lessonId), eq(lessonProgress.status, 'completed')) })).toBeUndefined();
    await expect(submitAttempt(s.student, { attemptId, answers: right(s) })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(saveAnswers(s.student, { attemptId, answers: right(s) })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('enforces the attempt count and the cooldown', async () => {
    const s = await setup({ extra: { attemptsAllowed: 2, cooldownMinutes: 10 } });
    const a1 = await startAttempt(s.student, s.ref);
    await submitAttempt(s.student, { attemptId: a1.attemptId, answers: wrong(s) });
    await expect(startAttempt(s.student, s.ref)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const blocked = await getQuizTaking(s.student, { ...s.ref, canTake: true });
    expect(blocked.blocked).toMatchObject({ reason: 'cooldown' });
    // Eleven minutes later the next attempt may start.
    const later = new Date(Date.now() + 11 * 60_000);
    const a2 = await startAttempt(s.student, s.ref, { now: later });
    await submitAttempt(s.student, { attemptId: a2.attemptId, answers: wrong(s) }, later);
    await expect(startAttempt(s.student, s.ref, { now: new Date(later.getTime() + 3600_000) })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.$count(quizAttempts, eq(quizAttempts.userId, s.student.id))).toBe(2);
  });

  it('refuses answers after the deadline and grades what was saved on a late submit', async () => {
    const s = await setup({ extra: { timeLimitMinutes: 1 } });
    const start = new Date();
    const { attemptId } = await startAttempt(s.student, s.ref, { now: start });
    await saveAnswers(s.student, { attemptId, answers: { [s.q.tf]: true, [s.q.single]: 'par' } }, new Date(start.getTime() + 30_000));
    // Within the grace period still accepted.
    await saveAnswers(s.student, { attemptId, answers: { [s.q.single]: 'par' } }, new Date(start.getTime() + 63_000));
    const late = new Date(start.getTime() + 70_000);
    await expect(saveAnswers(s.student, { attemptId, answers: { [s.q.text]: 'four' } }, late)).rejects.toMatchObject({ code: 'CONFLICT' });
    const r = await submitAttempt(s.student, { attemptId, answers: { [s.q.text]: 'four' } }, late);
    expect(r).toMatchObject({ late: true, score: 2, maxScore: 3, passed: true });
    const row = await db.query.quizAttempts.findFirst({ where: eq(quizAttempts.id, attemptId) });
    expect(row!.answers).not.toHaveProperty(s.q.text);
  });

  it('an expired attempt is closed and graded on the next page read; answers are revealed per the policy', async () => {
    const s = await setup({ extra: { timeLimitMinutes: 1, showAnswers: 'never' } });
    const start = new Date(Date.now() - 5 * 60_000);
    const { attemptId } = await startAttempt(s.student, s.ref, { now: start });
    await saveAnswers(s.student, { attemptId, answers: { [s.q.tf]: true } }, new Date(start.getTime() + 10_000));
    const taking = await getQuizTaking(s.student, { ...s.ref, canTake: true });
    expect(taking.current).toBeNull();
    expect(taking.last).toMatchObject({ id: attemptId, score: 1, passed: false });
    expect(taking.last!.questions.every((q) => q.correctAnswer === undefined && q.explanation === undefined)).toBe(true);
    await updateQuizSettings(s.owner, { ...s.ref, ...settings, showAnswers: 'after_pass' });
    expect((await getQuizTaking(s.student, { ...s.ref, canTake: true })).last!.questions.some((q) => q.correctAnswer)).toBe(false);
  });

  it('refuses answers for questions not in the attempt (tampered ids), and other users’ attempts', async () => {
    const s = await setup({ extra: { poolSize: 2 } });
    const { attemptId } = await startAttempt(s.student, s.ref, { rng: seededRng(1) });
    const row = (await db.query.quizAttempts.findFirst({ where: eq(quizAttempts.id, attemptId) }))!;
    expect(row.questionIds).toHaveLength(2);
    const notDrawn = Object.values(s.q).find((id) => !row.questionIds.includes(id))!;
    await expect(saveAnswers(s.student, { attemptId, answers: { [notDrawn]: true } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(submitAttempt(s.student, { attemptId, answers: { '00000000-0000-4000-8000-000000000000': 'x' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    const other = actorOf(await createUser(db, { role: 'student' }));
    await enroll(db, s.course.id, other.id);
    await expect(saveAnswers(other, { attemptId, answers: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(submitAttempt(other, { attemptId, answers: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a locked lesson and an unenrolled student', async () => {
    const s = await setup({ quizAt: 1 });
    await expect(startAttempt(s.student, s.ref)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const stranger = actorOf(await createUser(db, { role: 'student' }));
    await expect(startAttempt(stranger, s.ref)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Free preview: visible to anyone, but only enrolled students take it.
    await db.update(lessons).set({ isFreePreview: true }).where(eq(lessons.id, s.ref.lessonId));
    await expect(startAttempt(stranger, s.ref)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('open answers wait for a teacher; grading a pass completes the lesson', async () => {
    const s = await setup();
    const open = await saveQuestion(s.owner, { ...s.ref, questionId: null, type: 'open', prompt: 'Explain', points: 2, explanation: '', config: {} });
    const { attemptId } = await startAttempt(s.student, s.ref);
    const r = await submitAttempt(s.student, { attemptId, answers: { ...wrong(s), [s.q.tf]: true, [open.id]: 'Because.' } });
    expect(r).toMatchObject({ status: 'pending_review', passed: null });
    const editor = await getQuizEditor(s.course.id, s.ref.lessonId);
    expect(editor.pending).toEqual([expect.objectContaining({ id: attemptId, open: [expect.objectContaining({ questionId: open.id, answer: 'Because.', max: 2 })] })]);
    await expect(gradeAttempt(s.student, { courseId: s.course.id, attemptId, points: { [open.id]: 2 } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(gradeAttempt(s.owner, { courseId: s.course.id, attemptId, points: {} })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await gradeAttempt(s.owner, { courseId: s.course.id, attemptId, points: { [open.id]: 2 } })).toMatchObject({ passed: true, percent: 60 });
    const view = (await getCourseProgressView(s.student, s.course.id))!;
    expect(view.lessons[0]!.status).toBe('completed');
    expect((await db.query.quizzes.findFirst({ where: eq(quizzes.lessonId, s.ref.lessonId) }))!.passPercent).toBe(60);
  });
});
