'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import type { CompletionRule } from '@/lib/course-constants';
import type { FieldErrors } from '@/lib/errors';
import type { LessonEditor } from '@/lib/lessons/dto';
import { updateLessonAction } from '@/lib/lessons/actions';
import { completionKindsFor, updateLessonSchema, type UpdateLessonInput } from '@/lib/lessons/schemas';
import { toFieldErrors } from '@/lib/validation';
import { RichTextEditor } from './rich-text-editor';

type DripMode = 'none' | 'days' | 'date';

export function LessonEditorForm({ lesson }: { lesson: LessonEditor }) {
  const t = useTranslations('lessonEditor');
  const tv = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [title, setTitle] = useState(lesson.title);
  const [description, setDescription] = useState(lesson.description);
  const [status, setStatus] = useState(lesson.status);
  const [isFreePreview, setFreePreview] = useState(lesson.isFreePreview);
  const [minutes, setMinutes] = useState(lesson.durationSeconds === null ? '' : String(Math.round(lesson.durationSeconds / 60)));
  const [ruleKind, setRuleKind] = useState<CompletionRule['kind']>(lesson.completionRule.kind);
  const [percent, setPercent] = useState(lesson.completionRule.kind === 'video_coverage' ? String(lesson.completionRule.percent) : '90');
  const [dripMode, setDripMode] = useState<DripMode>(lesson.dripDays !== null ? 'days' : lesson.dripDate ? 'date' : 'none');
  const [dripDays, setDripDays] = useState(String(lesson.dripDays ?? 7));
  const [dripDate, setDripDate] = useState(lesson.dripDate ?? '');
  const html = useRef(lesson.contentHtml);
  const formRef = useRef<HTMLFormElement>(null);

  const touch = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setDirty(true);
  };
  const err = (k: string) => errors[k]?.map((key) => (key.includes('.') ? tv(key as never) : key));

  const build = (): Record<string, unknown> => ({
    courseId: lesson.courseId,
    lessonId: lesson.id,
    title,
    description,
    status,
    isFreePreview,
    durationSeconds: minutes.trim() === '' ? null : Number(minutes) * 60,
    completionRule: ruleKind === 'video_coverage' ? { kind: ruleKind, percent } : { kind: ruleKind },
    drip: dripMode === 'days' ? { mode: 'days', days: dripDays } : dripMode === 'date' ? { mode: 'date', date: dripDate } : { mode: 'none' },
    contentHtml: html.current,
  });

  const save = () => {
    const values = build();
    const parsed = updateLessonSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(flatten(toFieldErrors(parsed.error)));
      return;
    }
    start(async () => {
      const r = await updateLessonAction(parsed.data as UpdateLessonInput);
      if (r.ok) {
        setErrors({});
        setFormError(null);
        setDirty(false);
        setSavedAt(new Date(r.data.updatedAt).toLocaleTimeString());
        toast.success(t('saved'));
        router.refresh();
      } else {
        setErrors(flatten(r.error.fieldErrors ?? {}));
        setFormError(r.error.code === 'VALIDATION' ? null : r.error.message);
      }
    });
  };

  // Ctrl/Cmd+S saves; leaving with unsaved changes asks first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        formRef.current?.requestSubmit();
      }
    };
    const onLeave = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onLeave);
    };
  }, [dirty]);

  const kinds = completionKindsFor[lesson.type];
  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <FormError message={formError} />
      <Field id="lesson-title" label={t('title')} errors={err('title')}>
        <Input id="lesson-title" value={title} maxLength={250} invalid={Boolean(err('title'))} aria-describedby={describedBy('lesson-title', err('title'))} onChange={(e) => touch(setTitle)(e.target.value)} />
      </Field>
      <Field id="lesson-description" label={t('description')} errors={err('description')} hint={t('descriptionHint')}>
        <textarea
          id="lesson-description"
          value={description}
          rows={3}
          aria-describedby={describedBy('lesson-description', err('description'), true)}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          onChange={(e) => touch(setDescription)(e.target.value)}
        />
      </Field>
      {lesson.type === 'text' && (
        <div className="space-y-1">
          <p id="lesson-content-label" className="text-sm font-medium">
            {t('content')}
          </p>
          <RichTextEditor
            id="lesson-content"
            labelledBy="lesson-content-label"
            initialHtml={lesson.contentHtml}
            onChange={(h) => {
              html.current = h;
              setDirty(true);
            }}
          />
          {err('contentHtml') && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {err('contentHtml')!.join(' ')}
            </p>
          )}
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="lesson-status" label={t('status')}>
          <Select id="lesson-status" value={status} onChange={(e) => touch(setStatus)(e.target.value as typeof status)}>
            <option value="draft">{t('draft')}</option>
            <option value="published">{t('published')}</option>
          </Select>
        </Field>
        <Field id="lesson-duration" label={t('durationMinutes')} errors={err('durationSeconds')} hint={lesson.type === 'video' ? t('durationFromVideo') : undefined}>
          <Input
            id="lesson-duration"
            type="number"
            min={0}
            max={1440}
            value={minutes}
            invalid={Boolean(err('durationSeconds'))}
            aria-describedby={describedBy('lesson-duration', err('durationSeconds'), lesson.type === 'video')}
            onChange={(e) => touch(setMinutes)(e.target.value)}
          />
        </Field>
      </div>
      <div className="flex items-center gap-2">
        <input id="lesson-free-preview" type="checkbox" className="h-4 w-4" checked={isFreePreview} onChange={(e) => touch(setFreePreview)(e.target.checked)} />
        <label htmlFor="lesson-free-preview" className="text-sm font-medium">
          {t('freePreview')}
        </label>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t('completion')}</legend>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="lesson-rule" className="sr-only">
              {t('completion')}
            </label>
            <Select id="lesson-rule" value={ruleKind} onChange={(e) => touch(setRuleKind)(e.target.value as CompletionRule['kind'])}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`rules.${k}`)}
                </option>
              ))}
            </Select>
          </div>
          {ruleKind === 'video_coverage' && (
            <Field id="lesson-percent" label={t('percent')} errors={err('completionRule.percent')}>
              <Input id="lesson-percent" type="number" min={1} max={100} value={percent} className="w-28" invalid={Boolean(err('completionRule.percent'))} onChange={(e) => touch(setPercent)(e.target.value)} />
            </Field>
          )}
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t('drip')}</legend>
        {(['none', 'days', 'date'] as const).map((m) => (
          <div key={m} className="flex flex-wrap items-center gap-2">
            <input type="radio" id={`drip-${m}`} name="drip" value={m} checked={dripMode === m} onChange={() => touch(setDripMode)(m)} />
            <label htmlFor={`drip-${m}`} className="text-sm">
              {t(`dripModes.${m}`)}
            </label>
            {m === 'days' && dripMode === 'days' && (
              <>
                <label htmlFor="drip-days-value" className="sr-only">
                  {t('dripDays')}
                </label>
                <Input id="drip-days-value" type="number" min={0} max={3650} value={dripDays} className="w-24" invalid={Boolean(err('drip.days'))} onChange={(e) => touch(setDripDays)(e.target.value)} />
                {err('drip.days') && <span className="text-sm text-red-700 dark:text-red-400">{err('drip.days')!.join(' ')}</span>}
              </>
            )}
            {m === 'date' && dripMode === 'date' && (
              <>
                <label htmlFor="drip-date-value" className="sr-only">
                  {t('dripDate')}
                </label>
                <Input id="drip-date-value" type="date" value={dripDate} className="w-44" invalid={Boolean(err('drip.date'))} onChange={(e) => touch(setDripDate)(e.target.value)} />
                {err('drip.date') && <span className="text-sm text-red-700 dark:text-red-400">{err('drip.date')!.join(' ')}</span>}
              </>
            )}
          </div>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t('saving') : t('save')}
        </Button>
        <span role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
          {dirty ? t('unsaved') : savedAt ? t('savedAt', { time: savedAt }) : ''}
        </span>
      </div>
    </form>
  );
}

// Discriminated-union errors arrive as e.g. `drip.days`; keep them as they are.
const flatten = (e: FieldErrors) => e;
