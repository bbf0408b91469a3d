'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';
import type { PendingAttempt } from '@/lib/quizzes/dto';
import { gradeQuizAttemptAction } from '@/lib/quizzes/actions';

/** Attempts waiting for a teacher: award points for each open answer, then the attempt is graded. */
export function GradingPanel({ courseId, pending }: { courseId: string; pending: PendingAttempt[] }) {
  const t = useTranslations('quiz');
  return (
    <section aria-labelledby="quiz-grading-h" className="space-y-3">
      <h2 id="quiz-grading-h" className="text-lg font-semibold">
        {t('grading.title')}
      </h2>
      {pending.length === 0 ? <p className="text-sm text-slate-700 dark:text-slate-300">{t('grading.none')}</p> : pending.map((a) => <GradeForm key={a.id} courseId={courseId} attempt={a} />)}
    </section>
  );
}

function GradeForm({ courseId, attempt }: { courseId: string; attempt: PendingAttempt }) {
  const t = useTranslations('quiz');
  const tAll = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [points, setPoints] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const submit = () =>
    start(async () => {
      const r = await gradeQuizAttemptAction({ courseId, attemptId: attempt.id, points: Object.fromEntries(attempt.open.map((q) => [q.questionId, Number(points[q.questionId] ?? '')])) });
      if (r.ok) {
        toast.success(t('grading.saved'));
        router.refresh();
      } else {
        setErrors(r.error.fieldErrors ?? {});
        if (r.error.code !== 'VALIDATION') toast.error(r.error.message);
      }
    });
  return (
    <form
      noValidate
      className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700"
      aria-label={t('grading.attemptOf', { name: attempt.studentName, n: attempt.attemptNo })}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="text-sm font-medium">{t('grading.attemptOf', { name: attempt.studentName, n: attempt.attemptNo })}</p>
      {attempt.open.map((q) => {
        const id = `grade-${attempt.id}-${q.questionId}`;
        const err = errors[`points.${q.questionId}`];
        return (
          <div key={q.questionId} className="space-y-1">
            <p className="text-sm">{q.prompt}</p>
            <blockquote className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm dark:bg-slate-950">{q.answer || '—'}</blockquote>
            <label htmlFor={id} className="text-sm">
              {t('grading.points', { max: q.max })}
            </label>
            <Input id={id} type="number" min={0} max={q.max} step={0.5} className="w-28" value={points[q.questionId] ?? ''} invalid={Boolean(err)} onChange={(e) => setPoints((p) => ({ ...p, [q.questionId]: e.target.value }))} />
            {err && (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                {err.map((k) => tAll(k as never)).join(' ')}
              </p>
            )}
          </div>
        );
      })}
      <Button type="submit" size="sm" disabled={pending}>
        {t('grading.save')}
      </Button>
    </form>
  );
}
