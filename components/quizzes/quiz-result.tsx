'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { AttemptResult } from '@/lib/quizzes/dto';

/** The latest finished attempt: score, pass/fail, and per question points, feedback and (when allowed) the answer. */
export function QuizResult({ result, passPercent }: { result: AttemptResult; passPercent: number }) {
  const t = useTranslations('quiz');
  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700" data-testid="quiz-result" data-passed={String(result.passed)}>
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="font-semibold">{t('resultTitle', { n: result.attemptNo })}</h3>
        {result.status === 'pending_review' ? <Badge tone="warning">{t('pendingReview')}</Badge> : result.passed ? <Badge tone="success">{t('passed')}</Badge> : <Badge tone="danger">{t('failed')}</Badge>}
      </div>
      <p className="text-sm" data-testid="quiz-score">
        {t('score', { score: result.score, max: result.maxScore, percent: Math.round(result.percent), pass: passPercent })}
      </p>
      <ol className="space-y-2">
        {result.questions.map((q, i) => (
          <li key={q.id} className="text-sm">
            <p>
              <span className="font-medium">{t('questionNumber', { n: i + 1 })}</span> {q.prompt} —{' '}
              <span>{q.correct === null ? t('awaitingGrade') : t('pointsOf', { points: q.points, max: q.max })}</span> {q.correct === true ? '✓' : q.correct === false ? '✗' : ''}
            </p>
            {q.feedback.map((f, k) => (
              <p key={k} className="ml-4 text-slate-700 dark:text-slate-300">
                {f}
              </p>
            ))}
            {q.correctAnswer !== undefined && q.correct !== true && (
              <p className="ml-4 text-slate-700 dark:text-slate-300">{t('correctAnswer', { answer: q.type === 'true_false' ? t(q.correctAnswer === 'true' ? 'true' : 'false') : q.correctAnswer })}</p>
            )}
            {q.explanation && <p className="ml-4 text-slate-700 dark:text-slate-300">{q.explanation}</p>}
          </li>
        ))}
      </ol>
    </div>
  );
}
