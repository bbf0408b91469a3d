import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { lessons, quizQuestions, quizzes } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import type { QuizSettingsInput, SaveQuestionInput } from './schemas';

type Meta = { ip?: string; requestId?: string };

/** Locks the quiz lesson (the aggregate root of its questions' order); NOT_FOUND unless a quiz lesson of the course. */
async function lockQuizLesson(tx: Tx, courseId: string, lessonId: string) {
  const [lesson] = await tx
    .select({ id: lessons.id, type: lessons.type })
    .from(lessons)
    .where(and(eq(lessons.id, lessonId), eq(lessons.courseId, courseId)))
    .for('update');
  if (!lesson || lesson.type !== 'quiz') throw new AppError('NOT_FOUND');
  await tx.insert(quizzes).values({ lessonId, courseId }).onConflictDoNothing();
}

/** Saves a quiz's settings. Checks the editor role on the course itself. */
export async function updateQuizSettings(actor: SessionUser, input: QuizSettingsInput, meta: Meta = {}) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    await lockQuizLesson(tx, input.courseId, input.lessonId);
    const set = {
      passPercent: input.passPercent,
      attemptsAllowed: input.attemptsAllowed,
      cooldownMinutes: input.cooldownMinutes,
      timeLimitSeconds: input.timeLimitMinutes === null ? null : input.timeLimitMinutes * 60,
      shuffleQuestions: input.shuffleQuestions,
      shuffleOptions: input.shuffleOptions,
      poolSize: input.poolSize,
      layout: input.layout,
      showAnswers: input.showAnswers,
      updatedAt: new Date(),
    };
    await tx.update(quizzes).set(set).where(eq(quizzes.lessonId, input.lessonId));
    await writeAudit(tx, { actorId: actor.id, action: 'quiz.settings_updated', targetType: 'lesson', targetId: input.lessonId, data: { courseId: input.courseId }, ...meta });
    return { saved: true };
  });
}

/** Creates (appended last) or updates a question. Checks the editor role; config was validated by the schema. */
export async function saveQuestion(actor: SessionUser, input: SaveQuestionInput) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    await lockQuizLesson(tx, input.courseId, input.lessonId);
    const values = { type: input.type, prompt: input.prompt, points: input.points, explanation: input.explanation, config: cleanConfig(input) };
    if (input.questionId) {
      const [row] = await tx
        .update(quizQuestions)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(quizQuestions.id, input.questionId), eq(quizQuestions.lessonId, input.lessonId)))
        .returning({ id: quizQuestions.id });
      if (!row) throw new AppError('NOT_FOUND');
      return { id: row.id };
    }
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${quizQuestions.position}) + 1, 0)::int` })
      .from(quizQuestions)
      .where(eq(quizQuestions.lessonId, input.lessonId));
    const [row] = await tx.insert(quizQuestions).values({ lessonId: input.lessonId, position: next, ...values }).returning({ id: quizQuestions.id });
    return { id: row!.id };
  });
}

/** Keeps only the config fields the type uses (switching types in the editor leaves others behind). */
function cleanConfig(q: SaveQuestionInput) {
  const c = q.config;
  switch (q.type) {
    case 'single':
      return { options: c.options };
    case 'multiple':
      return { options: c.options, partialCredit: Boolean(c.partialCredit) };
    case 'true_false':
      return { answer: c.answer };
    case 'short_text':
      return { accepted: (c.accepted ?? []).map((a) => a.trim()).filter(Boolean), caseSensitive: Boolean(c.caseSensitive) };
    case 'number':
      return { value: c.value, tolerance: c.tolerance ?? 0 };
    case 'ordering':
      return { items: c.items };
    case 'matching':
      return { pairs: c.pairs, partialCredit: Boolean(c.partialCredit) };
    case 'open':
      return {};
  }
}

/** Deletes a question and closes the gap in positions. Checks the editor role. */
export async function deleteQuestion(actor: SessionUser, input: { courseId: string; lessonId: string; questionId: string }) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    await lockQuizLesson(tx, input.courseId, input.lessonId);
    const [row] = await tx.delete(quizQuestions).where(and(eq(quizQuestions.id, input.questionId), eq(quizQuestions.lessonId, input.lessonId))).returning({ id: quizQuestions.id });
    if (!row) throw new AppError('NOT_FOUND');
    await renumber(tx, input.lessonId, (ids) => ids);
    return { deleted: true };
  });
}

/** Moves a question to `toIndex` (clamped); positions are computed here and kept dense. Checks the editor role. */
export async function moveQuestion(actor: SessionUser, input: { courseId: string; lessonId: string; questionId: string; toIndex: number }) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    await lockQuizLesson(tx, input.courseId, input.lessonId);
    let found = false;
    const order = await renumber(tx, input.lessonId, (ids) => {
      const from = ids.indexOf(input.questionId);
      if (from < 0) return ids;
      found = true;
      const next = ids.filter((id) => id !== input.questionId);
      next.splice(Math.min(input.toIndex, next.length), 0, input.questionId);
      return next;
    });
    if (!found) throw new AppError('NOT_FOUND');
    return { order };
  });
}

async function renumber(tx: Tx, lessonId: string, reorder: (ids: string[]) => string[]) {
  const rows = await tx.select({ id: quizQuestions.id, position: quizQuestions.position }).from(quizQuestions).where(eq(quizQuestions.lessonId, lessonId)).orderBy(asc(quizQuestions.position));
  const ids = reorder(rows.map((r) => r.id));
  const current = new Map(rows.map((r) => [r.id, r.position]));
  const changed = ids.map((id, i) => ({ id, i })).filter(({ id, i }) => current.get(id) !== i);
  if (changed.length) {
    await tx.execute(sql`
      update quiz_questions q set position = v.position, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(changed.map(({ id, i }) => ({ id, position: i })))}::jsonb) as v(id uuid, position int)
      where q.id = v.id`);
  }
  return ids;
}
