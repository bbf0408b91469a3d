'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { toast } from 'sonner';
import type { QuizAnswer } from '@/db/schema/assessments';
import { Button } from '@/components/ui/button';
import type { ActionError } from '@/lib/errors';
import type { AttemptInProgress, QuizTaking } from '@/lib/quizzes/dto';
import { saveQuizAnswersAction, startQuizAttemptAction, submitQuizAttemptAction } from '@/lib/quizzes/actions';
import { isAnswered, QuestionInput } from './question-input';
import { QuizResult } from './quiz-result';

/** The quiz on a student's lesson page: start, answer (saved on the server as you go), submit, result. */
export function QuizTaker({ quiz }: { quiz: QuizTaking }) {
  const t = useTranslations('quiz');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const explain = useCallback(
    (e: ActionError) => {
      if (e.code === 'RATE_LIMITED') return t('errors.cooldown');
      if (e.code === 'CONFLICT') return e.message === 'attempts_exhausted' ? t('errors.exhausted') : e.message === 'deadline_passed' ? t('errors.deadline') : t('errors.closed');
      if (e.code === 'VALIDATION') return t('errors.invalid');
      return e.message;
    },
    [t],
  );

  if (quiz.preview) {
    return (
      <section aria-labelledby="quiz-h" className="space-y-4">
        <h2 id="quiz-h" className="text-lg font-semibold">
          {t('quizTitle')}
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('previewOnly')}</p>
        {quiz.preview.map((q, i) => (
          <div key={q.id} className="rounded-md border border-slate-200 p-4 dark:border-slate-700">
            <QuestionInput question={q} index={i} value={undefined} onChange={() => {}} disabled />
          </div>
        ))}
      </section>
    );
  }

  if (quiz.current) return <AttemptForm key={quiz.current.id} quiz={quiz} attempt={quiz.current} explain={explain} />;

  const onStart = () =>
    start(async () => {
      const r = await startQuizAttemptAction({ courseId: quiz.courseId, lessonId: quiz.lessonId });
      if (!r.ok) {
        setError(explain(r.error));
        router.refresh();
        return;
      }
      setError(null);
      router.refresh();
    });

  const s = quiz.settings;
  return (
    <section aria-labelledby="quiz-h" className="space-y-4" data-testid="quiz">
      <h2 id="quiz-h" className="text-lg font-semibold">
        {t('quizTitle')}
      </h2>
      <ul className="list-inside list-disc text-sm text-slate-700 dark:text-slate-300">
        <li>{t('summary.questions', { n: quiz.questionCount })}</li>
        <li>{t('summary.passMark', { percent: s.passPercent })}</li>
        <li>{s.attemptsAllowed === null ? t('summary.unlimited') : t('summary.attempts', { used: quiz.attemptsUsed, allowed: s.attemptsAllowed })}</li>
        {s.timeLimitSeconds !== null && <li>{t('summary.timeLimit', { minutes: Math.round(s.timeLimitSeconds / 60) })}</li>}
        {s.cooldownMinutes > 0 && <li>{t('summary.cooldown', { minutes: s.cooldownMinutes })}</li>}
      </ul>
      {quiz.last && <QuizResult result={quiz.last} passPercent={s.passPercent} />}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {quiz.blocked ? (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300" data-testid="quiz-blocked">
          {quiz.blocked.reason === 'cooldown' ? t('cooldownUntil', { time: new Date(quiz.blocked.retryAt).toLocaleTimeString() }) : t('noAttemptsLeft')}
        </p>
      ) : quiz.questionCount > 0 ? (
        <Button onClick={onStart} disabled={pending}>
          {quiz.last ? t('retake') : t('start')}
        </Button>
      ) : (
        <p className="text-sm">{t('noQuestions')}</p>
      )}
    </section>
  );
}

function AttemptForm({ quiz, attempt, explain }: { quiz: QuizTaking; attempt: AttemptInProgress; explain: (e: ActionError) => string }) {
  const t = useTranslations('quiz');
  const router = useRouter();
  const [answers, setAnswers] = useState<Record<string, QuizAnswer>>(attempt.answers);
  const [page, setPage] = useState(() => {
    const firstOpen = attempt.questions.findIndex((q) => !isAnswered(attempt.answers[q.id]));
    return firstOpen < 0 ? 0 : firstOpen;
  });
  const [confirming, setConfirming] = useState(false);
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const dirty = useRef<Record<string, QuizAnswer>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onePerPage = quiz.settings.layout === 'one_per_page';
  const total = attempt.questions.length;
  const answered = attempt.questions.filter((q) => isAnswered(answers[q.id])).length;

  // Remaining time from the server's clock (the client's clock may be off).
  const [skew] = useState(() => new Date(attempt.serverNow).getTime() - Date.now());
  const deadline = attempt.deadlineAt ? new Date(attempt.deadlineAt).getTime() : null;
  const [left, setLeft] = useState<number | null>(() => (deadline === null ? null : Math.max(0, Math.round((deadline - Date.now() - skew) / 1000))));

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const batch = dirty.current;
    if (!Object.keys(batch).length) return true;
    dirty.current = {};
    setSaveState('saving');
    try {
      const r = await saveQuizAnswersAction({ attemptId: attempt.id, answers: batch });
      if (r.ok) {
        setSaveState('saved');
        return true;
      }
      setSaveState('error');
      setError(explain(r.error));
      return false;
    } catch {
      dirty.current = { ...batch, ...dirty.current };
      setSaveState('error');
      return false;
    }
  }, [attempt.id, explain]);

  const submit = useCallback(
    () =>
      start(async () => {
        if (timer.current) clearTimeout(timer.current);
        const r = await submitQuizAttemptAction({ attemptId: attempt.id, answers: { ...dirty.current } });
        dirty.current = {};
        if (!r.ok) {
          setError(explain(r.error));
          router.refresh();
          return;
        }
        if (r.data.late) toast.message(t('submittedLate'));
        router.refresh();
      }),
    [attempt.id, explain, router, t],
  );

  useEffect(() => {
    if (deadline === null) return;
    const id = setInterval(() => {
      const s = Math.max(0, Math.round((deadline - Date.now() - skew) / 1000));
      setLeft(s);
      if (s === 0) {
        clearInterval(id);
        submit();
      }
    }, 1000);
    return () => clearInterval(id);
  }, [deadline, skew, submit]);

  useEffect(() => () => void flush(), [flush]);

  const change = (id: string, v: QuizAnswer) => {
    setAnswers((a) => ({ ...a, [id]: v }));
    dirty.current[id] = v;
    setSaveState('idle');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 800);
  };

  const shown = onePerPage ? [attempt.questions[page]!] : attempt.questions;
  return (
    <section aria-labelledby="quiz-h" className="space-y-4" data-testid="quiz-attempt">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="quiz-h" className="text-lg font-semibold">
          {t('attemptTitle', { n: attempt.attemptNo })}
        </h2>
        {left !== null && (
          <p className="font-mono text-sm" aria-live={left <= 60 ? 'polite' : 'off'} data-testid="quiz-timer">
            {t('timeLeft', { time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` })}
          </p>
        )}
      </div>
      <div>
        <p className="text-sm text-slate-700 dark:text-slate-300" id="quiz-progress-label">
          {onePerPage ? t('progressPage', { n: page + 1, total, answered }) : t('progressAll', { answered, total })}
        </p>
        <progress className="h-2 w-full" max={total} value={answered} aria-labelledby="quiz-progress-label" />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <form
        noValidate
        className="space-y-6"
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        {shown.map((q) => {
          const i = attempt.questions.indexOf(q);
          return (
            <div key={q.id} className="rounded-md border border-slate-200 p-4 dark:border-slate-700">
              <QuestionInput question={q} index={i} value={answers[q.id]} onChange={(v) => change(q.id, v)} disabled={pending} />
            </div>
          );
        })}
        <div className="flex flex-wrap items-center gap-3">
          {onePerPage && (
            <>
              <Button
                variant="secondary"
                disabled={page === 0}
                onClick={() => {
                  void flush();
                  setPage((p) => p - 1);
                }}
              >
                {t('previous')}
              </Button>
              {page < total - 1 && (
                <Button
                  variant="secondary"
                  onClick={() => {
                    void flush();
                    setPage((p) => p + 1);
                  }}
                >
                  {t('nextQuestion')}
                </Button>
              )}
            </>
          )}
          <Button variant="secondary" onClick={() => void flush()} disabled={pending}>
            {t('saveProgress')}
          </Button>
          {(!onePerPage || page === total - 1) && (
            <Button type="submit" disabled={pending}>
              {t('submit')}
            </Button>
          )}
          <span role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
            {saveState === 'saving' ? t('saving') : saveState === 'saved' ? t('saved') : saveState === 'error' ? t('saveFailed') : ''}
          </span>
        </div>
      </form>
      {confirming && (
        <div role="alertdialog" aria-modal="false" aria-labelledby="quiz-confirm-h" aria-describedby="quiz-confirm-d" className="rounded-md border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
          <h3 id="quiz-confirm-h" className="font-semibold">
            {t('confirmTitle')}
          </h3>
          <p id="quiz-confirm-d" className="mb-3 text-sm">
            {answered < total ? t('confirmUnanswered', { n: total - answered }) : t('confirmAll')}
          </p>
          <div className="flex gap-3">
            <Button
              autoFocus
              disabled={pending}
              onClick={() => {
                setConfirming(false);
                submit();
              }}
            >
              {t('confirmSubmit')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
