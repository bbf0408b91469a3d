'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import type { QuizAnswer } from '@/db/schema/assessments';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { EditorQuestion, QuizEditorData, TakingQuestion } from '@/lib/quizzes/dto';
import { deleteQuestionAction, moveQuestionAction } from '@/lib/quizzes/actions';
import { GradingPanel } from './grading-panel';
import { QuestionForm } from './question-form';
import { QuestionInput } from './question-input';
import { arrayMove, QuestionList } from './question-list';
import { QuizSettingsForm } from './quiz-settings-form';

/** The quiz section of a quiz lesson's editor: settings, questions (add, edit, reorder, preview), grading. */
export function QuizEditor({ data }: { data: QuizEditorData }) {
  const t = useTranslations('quiz');
  const router = useRouter();
  const [questions, setQuestions] = useState(data.questions);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [, start] = useTransition();
  // A refresh brings the server's order: adopt it (derived state, updated during render).
  const [source, setSource] = useState(data.questions);
  if (source !== data.questions) {
    setSource(data.questions);
    setQuestions(data.questions);
  }
  const ref = { courseId: data.courseId, lessonId: data.lessonId };

  const move = (questionId: string, toIndex: number) => {
    const from = questions.findIndex((q) => q.id === questionId);
    if (from < 0 || toIndex < 0 || toIndex >= questions.length || from === toIndex) return;
    const before = questions;
    setQuestions(arrayMove(questions, from, toIndex));
    start(async () => {
      const r = await moveQuestionAction({ ...ref, questionId, toIndex });
      if (!r.ok) {
        setQuestions(before);
        toast.error(r.error.message);
      }
      router.refresh();
    });
  };

  const remove = (q: EditorQuestion, i: number) => {
    if (!window.confirm(t('confirmDelete', { n: i + 1 }))) return;
    start(async () => {
      const r = await deleteQuestionAction({ ...ref, questionId: q.id });
      if (!r.ok) toast.error(r.error.message);
      router.refresh();
    });
  };

  const done = () => {
    setEditing(null);
    router.refresh();
  };

  return (
    <div className="space-y-8" data-testid="quiz-editor">
      <QuizSettingsForm {...ref} settings={data.settings} />
      <section aria-labelledby="quiz-questions-h" className="space-y-3">
        <div className="flex items-center justify-between gap-3">
          <h2 id="quiz-questions-h" className="text-lg font-semibold">
            {t('questionsTitle')} ({questions.length})
          </h2>
          <Button onClick={() => setEditing('new')} disabled={editing === 'new'}>
            {t('addQuestion')}
          </Button>
        </div>
        {questions.length === 0 && <p className="text-sm text-slate-700 dark:text-slate-300">{t('noQuestionsYet')}</p>}
        <QuestionList
          questions={questions}
          onMove={move}
          renderRow={(q, i) =>
            editing === q.id ? (
              <QuestionForm {...ref} question={q} onDone={done} onCancel={() => setEditing(null)} />
            ) : (
              <div className="space-y-2">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-sm text-slate-600 dark:text-slate-400">{t('questionNumber', { n: i + 1 })}</span>
                  <span className="min-w-0 flex-1 truncate font-medium" data-testid="question-prompt">
                    {q.prompt}
                  </span>
                  <Badge tone="info">{t(`types.${q.type}`)}</Badge>
                  <span className="text-xs text-slate-600 dark:text-slate-400">{t('pointsShort', { n: q.points })}</span>
                </div>
                <div className="flex flex-wrap gap-2">
                  <Button size="sm" variant="secondary" aria-label={t('editQuestion', { n: i + 1 })} onClick={() => setEditing(q.id)}>
                    {t('edit')}
                  </Button>
                  <Button size="sm" variant="secondary" aria-expanded={previewing === q.id} aria-label={t('previewQuestion', { n: i + 1 })} onClick={() => setPreviewing((p) => (p === q.id ? null : q.id))}>
                    {t('preview')}
                  </Button>
                  <Button size="sm" variant="ghost" aria-label={t('deleteQuestion', { n: i + 1 })} onClick={() => remove(q, i)}>
                    {t('delete')}
                  </Button>
                </div>
                {previewing === q.id && <PreviewBox question={q} index={i} />}
              </div>
            )
          }
        />
        {editing === 'new' && <QuestionForm {...ref} question={null} onDone={done} onCancel={() => setEditing(null)} />}
      </section>
      <GradingPanel courseId={data.courseId} pending={data.pending} />
    </div>
  );
}

/** The question as a student will see it (answers stripped; try it out, nothing is saved). */
function PreviewBox({ question, index }: { question: EditorQuestion; index: number }) {
  const t = useTranslations('quiz');
  const [value, setValue] = useState<QuizAnswer | undefined>(undefined);
  const c = question.config;
  const taking: TakingQuestion = {
    id: question.id,
    type: question.type,
    prompt: question.prompt,
    points: question.points,
    options: c.options?.map((o) => ({ id: o.id, text: o.text })),
    items: c.items ? [...c.items].reverse() : undefined,
    lefts: c.pairs?.map((p) => ({ id: p.id, text: p.left })),
    rights: c.pairs ? [...c.pairs].reverse().map((p, i) => ({ id: `r${i}`, text: p.right })) : undefined,
  };
  return (
    <div className="rounded-md bg-slate-50 p-3 dark:bg-slate-950" role="region" aria-label={t('previewOf', { n: index + 1 })}>
      <QuestionInput question={taking} index={index} value={value} onChange={setValue} />
    </div>
  );
}
