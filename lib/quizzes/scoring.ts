import type { QuestionConfig, QuestionResult, QuestionType, QuizAnswer } from '@/db/schema/assessments';

// Pure scoring: one question and the answer the student gave → points, max and feedback.
// A malformed answer (wrong shape for the type) scores as a wrong answer, never throws.

export type ScorableQuestion = { id: string; type: QuestionType; points: number; config: QuestionConfig };

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Trim, collapse inner whitespace and, unless case-sensitive, lowercase (Unicode-aware). */
export function normalizeText(s: string, caseSensitive = false) {
  const t = s.normalize('NFC').trim().replace(/\s+/g, ' ');
  return caseSensitive ? t : t.toLocaleLowerCase();
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Scores one question. `open` questions return `correct: null` and 0 points (a teacher grades them).
 * For matching, `rightOrder` maps the answer's right-side tokens (`r0`, `r1`…) back to pair ids.
 */
export function scoreQuestion(q: ScorableQuestion, answer: QuizAnswer | undefined, rightOrder?: string[]): QuestionResult {
  const max = q.points;
  const c = q.config;
  const full = (ok: boolean, feedback?: string[]): QuestionResult => ({ points: ok ? max : 0, max, correct: ok, ...(feedback?.length ? { feedback } : {}) });
  switch (q.type) {
    case 'single': {
      const chosen = typeof answer === 'string' ? c.options?.find((o) => o.id === answer) : undefined;
      return full(Boolean(chosen?.correct), chosen?.feedback ? [chosen.feedback] : undefined);
    }
    case 'multiple': {
      const options = c.options ?? [];
      const picked = new Set(isStringArray(answer) ? answer.filter((id) => options.some((o) => o.id === id)) : []);
      const feedback = options.filter((o) => picked.has(o.id) && o.feedback).map((o) => o.feedback!);
      const correctIds = options.filter((o) => o.correct).map((o) => o.id);
      const right = correctIds.filter((id) => picked.has(id)).length;
      const wrong = [...picked].filter((id) => !correctIds.includes(id)).length;
      const exact = right === correctIds.length && wrong === 0 && correctIds.length > 0;
      if (exact || !c.partialCredit) return full(exact, feedback);
      // Partial credit: each right pick earns a share, each wrong pick takes one back, never below zero.
      const share = correctIds.length ? Math.max(0, (right - wrong) / correctIds.length) : 0;
      return { points: round(max * share), max, correct: false, ...(feedback.length ? { feedback } : {}) };
    }
    case 'true_false':
      return full(typeof answer === 'boolean' && answer === c.answer);
    case 'short_text': {
      if (typeof answer !== 'string' || !answer.trim()) return full(false);
      const given = normalizeText(answer, c.caseSensitive);
      return full((c.accepted ?? []).some((a) => normalizeText(a, c.caseSensitive) === given));
    }
    case 'number': {
      const n = typeof answer === 'number' ? answer : typeof answer === 'string' && answer.trim() !== '' ? Number(answer.replace(',', '.')) : NaN;
      if (!Number.isFinite(n) || c.value === undefined) return full(false);
      return full(Math.abs(n - c.value) <= (c.tolerance ?? 0) + 1e-9);
    }
    case 'ordering': {
      const expected = (c.items ?? []).map((i) => i.id);
      return full(isStringArray(answer) && answer.length === expected.length && answer.every((id, i) => id === expected[i]));
    }
    case 'matching': {
      const pairs = c.pairs ?? [];
      const given = answer && typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, string>) : {};
      const resolve = (token: string | undefined) => {
        if (typeof token !== 'string') return undefined;
        if (!rightOrder) return token;
        const m = /^r(\d+)$/.exec(token);
        return m ? rightOrder[Number(m[1])] : undefined;
      };
      const right = pairs.filter((p) => resolve(given[p.id]) === p.id).length;
      const exact = pairs.length > 0 && right === pairs.length;
      if (exact || !c.partialCredit) return full(exact);
      return { points: round(max * (pairs.length ? right / pairs.length : 0)), max, correct: false };
    }
    case 'open':
      return { points: 0, max, correct: null };
  }
}

export type AttemptGrade = { results: Record<string, QuestionResult>; score: number; maxScore: number; percent: number; pendingReview: boolean; passed: boolean | null };

/** Scores every drawn question; open questions leave the attempt pending review (passed: null). */
export function gradeAnswers(
  questions: ScorableQuestion[],
  answers: Record<string, QuizAnswer>,
  passPercent: number,
  rightOrders: Record<string, string[]> = {},
  awarded: Record<string, number> = {},
): AttemptGrade {
  const results: Record<string, QuestionResult> = {};
  let pendingReview = false;
  for (const q of questions) {
    const r = scoreQuestion(q, answers[q.id], q.type === 'matching' ? rightOrders[q.id] : undefined);
    if (q.type === 'open') {
      const pts = awarded[q.id];
      if (pts === undefined) pendingReview = true;
      else {
        const p = Math.min(q.points, Math.max(0, pts));
        results[q.id] = { points: p, max: q.points, correct: p >= q.points };
        continue;
      }
    }
    results[q.id] = r;
  }
  return summarize(results, passPercent, pendingReview);
}

export function summarize(results: Record<string, QuestionResult>, passPercent: number, pendingReview: boolean): AttemptGrade {
  const score = round(Object.values(results).reduce((s, r) => s + r.points, 0));
  const maxScore = round(Object.values(results).reduce((s, r) => s + r.max, 0));
  const percent = maxScore > 0 ? round((score / maxScore) * 100) : 0;
  return { results, score, maxScore, percent, pendingReview, passed: pendingReview ? null : percent >= passPercent - 1e-9 };
}
