'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import type { FieldErrors } from '@/lib/errors';
import type { QuizSettings } from '@/lib/quizzes/dto';
import { updateQuizSettingsAction } from '@/lib/quizzes/actions';
import { quizSettingsSchema } from '@/lib/quizzes/schemas';
import { toFieldErrors } from '@/lib/validation';

const str = (n: number | null) => (n === null ? '' : String(n));

/** The quiz's settings: pass mark, attempts, cooldown, time limit, shuffling, pool, layout, answers policy. */
export function QuizSettingsForm({ courseId, lessonId, settings }: { courseId: string; lessonId: string; settings: QuizSettings }) {
  const t = useTranslations('quiz');
  const tAll = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [v, setV] = useState({
    passPercent: String(settings.passPercent),
    attemptsAllowed: str(settings.attemptsAllowed),
    cooldownMinutes: String(settings.cooldownMinutes),
    timeLimitMinutes: settings.timeLimitSeconds === null ? '' : String(Math.round(settings.timeLimitSeconds / 60)),
    poolSize: str(settings.poolSize),
    shuffleQuestions: settings.shuffleQuestions,
    shuffleOptions: settings.shuffleOptions,
    layout: settings.layout,
    showAnswers: settings.showAnswers,
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  const err = (k: string) => errors[k]?.map((key) => tAll(key as never));

  const save = () => {
    const parsed = quizSettingsSchema.safeParse({ courseId, lessonId, ...v });
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error));
      return;
    }
    start(async () => {
      const r = await updateQuizSettingsAction(parsed.data);
      if (r.ok) {
        setErrors({});
        setFormError(null);
        toast.success(t('settingsSaved'));
        router.refresh();
      } else {
        setErrors(r.error.fieldErrors ?? {});
        setFormError(r.error.code === 'VALIDATION' ? null : r.error.message);
      }
    });
  };

  const num = (k: 'passPercent' | 'attemptsAllowed' | 'cooldownMinutes' | 'timeLimitMinutes' | 'poolSize', hint?: string) => {
    const id = `quiz-${k}`;
    return (
      <Field id={id} label={t(`settings.${k}`)} errors={err(k)} hint={hint}>
        <Input id={id} type="number" min={0} value={v[k]} invalid={Boolean(err(k))} aria-describedby={describedBy(id, err(k), Boolean(hint))} onChange={(e) => set(k, e.target.value)} />
      </Field>
    );
  };

  return (
    <form
      noValidate
      aria-labelledby="quiz-settings-h"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2 id="quiz-settings-h" className="text-lg font-semibold">
        {t('settingsTitle')}
      </h2>
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-3">
        {num('passPercent')}
        {num('attemptsAllowed', t('settings.blankUnlimited'))}
        {num('cooldownMinutes')}
        {num('timeLimitMinutes', t('settings.blankNoLimit'))}
        {num('poolSize', t('settings.blankAll'))}
      </div>
      <div className="flex flex-wrap gap-6">
        {(['shuffleQuestions', 'shuffleOptions'] as const).map((k) => (
          <div key={k} className="flex items-center gap-2">
            <input id={`quiz-${k}`} type="checkbox" className="h-4 w-4" checked={v[k]} onChange={(e) => set(k, e.target.checked)} />
            <label htmlFor={`quiz-${k}`} className="text-sm font-medium">
              {t(`settings.${k}`)}
            </label>
          </div>
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="quiz-layout" label={t('settings.layout')}>
          <Select id="quiz-layout" value={v.layout} onChange={(e) => set('layout', e.target.value as QuizSettings['layout'])}>
            <option value="all">{t('settings.layoutAll')}</option>
            <option value="one_per_page">{t('settings.layoutOne')}</option>
          </Select>
        </Field>
        <Field id="quiz-showAnswers" label={t('settings.showAnswers')}>
          <Select id="quiz-showAnswers" value={v.showAnswers} onChange={(e) => set('showAnswers', e.target.value as QuizSettings['showAnswers'])}>
            <option value="after_submit">{t('settings.afterSubmit')}</option>
            <option value="after_pass">{t('settings.afterPass')}</option>
            <option value="never">{t('settings.never')}</option>
          </Select>
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('saving') : t('saveSettings')}
      </Button>
    </form>
  );
}
