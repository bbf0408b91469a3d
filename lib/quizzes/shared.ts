import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Database, Tx } from '@/db/factory';
import { quizQuestions, quizzes, type QuestionConfig, type QuestionType } from '@/db/schema';
import type { QuizSettings, TakingQuestion } from './dto';

// Helpers shared by queries and mutations. Callers have checked access.

export const defaultSettings: QuizSettings = {
  passPercent: 70,
  attemptsAllowed: null,
  cooldownMinutes: 0,
  timeLimitSeconds: null,
  shuffleQuestions: false,
  shuffleOptions: false,
  poolSize: null,
  layout: 'all',
  showAnswers: 'after_submit',
};

export async function loadSettings(lessonId: string, database: Database | Tx = db): Promise<QuizSettings> {
  const row = await database.query.quizzes.findFirst({ where: eq(quizzes.lessonId, lessonId) });
  if (!row) return defaultSettings;
  const { passPercent, attemptsAllowed, cooldownMinutes, timeLimitSeconds, shuffleQuestions, shuffleOptions, poolSize, layout, showAnswers } = row;
  return { passPercent, attemptsAllowed, cooldownMinutes, timeLimitSeconds, shuffleQuestions, shuffleOptions, poolSize, layout, showAnswers };
}

export const loadQuestions = (lessonId: string, database: Database | Tx = db) =>
  database.select().from(quizQuestions).where(eq(quizQuestions.lessonId, lessonId)).orderBy(asc(quizQuestions.position));

/** The given questions in the given order (ids that no longer exist are skipped). */
export async function loadQuestionsByIds(ids: string[], database: Database | Tx = db) {
  if (!ids.length) return [];
  const rows = await database.select().from(quizQuestions).where(inArray(quizQuestions.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => Boolean(r));
}

type QuestionRow = { id: string; type: QuestionType; prompt: string; points: number; config: QuestionConfig };

const ordered = <T extends { id: string }>(list: T[], order: string[] | undefined) => {
  if (!order) return list;
  const byId = new Map(list.map((x) => [x.id, x]));
  const out = order.map((id) => byId.get(id)).filter((x): x is T => Boolean(x));
  return [...out, ...list.filter((x) => !order.includes(x.id))];
};

/** The student's view of a question: no `correct`, no accepted answers, no pairing. */
export function toTakingQuestion(q: QuestionRow, order?: string[]): TakingQuestion {
  const base = { id: q.id, type: q.type, prompt: q.prompt, points: q.points };
  const c = q.config;
  switch (q.type) {
    case 'single':
    case 'multiple':
      return { ...base, options: ordered(c.options ?? [], order).map((o) => ({ id: o.id, text: o.text })) };
    case 'ordering':
      return { ...base, items: ordered(c.items ?? [], order).map((i) => ({ id: i.id, text: i.text })) };
    case 'matching': {
      const pairs = c.pairs ?? [];
      return { ...base, lefts: pairs.map((p) => ({ id: p.id, text: p.left })), rights: ordered(pairs, order).map((p, i) => ({ id: `r${i}`, text: p.right })) };
    }
    default:
      return base;
  }
}

/** A readable correct answer, shown after submission when the quiz's policy allows. */
export function describeCorrect(q: QuestionRow): string | undefined {
  const c = q.config;
  switch (q.type) {
    case 'single':
    case 'multiple':
      return (c.options ?? []).filter((o) => o.correct).map((o) => o.text).join(', ');
    case 'true_false':
      return c.answer === undefined ? undefined : String(c.answer);
    case 'short_text':
      return (c.accepted ?? []).filter(Boolean).join(' / ');
    case 'number':
      return c.value === undefined ? undefined : c.tolerance ? `${c.value} ± ${c.tolerance}` : String(c.value);
    case 'ordering':
      return (c.items ?? []).map((i) => i.text).join(' → ');
    case 'matching':
      return (c.pairs ?? []).map((p) => `${p.left} → ${p.right}`).join('; ');
    default:
      return undefined;
  }
}
