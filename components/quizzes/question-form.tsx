'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { questionTypes, type QuestionConfig, type QuestionType } from '@/db/schema/assessments';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import type { FieldErrors } from '@/lib/errors';
import type { EditorQuestion } from '@/lib/quizzes/dto';
import { saveQuestionAction } from '@/lib/quizzes/actions';
import { saveQuestionSchema } from '@/lib/quizzes/schemas';
import { toFieldErrors } from '@/lib/validation';

const newId = () => Math.random().toString(36).slice(2, 10);
const box = 'block w-full rounded-md border bg-white px-3 py-2 text-sm dark:bg-slate-900';

type Option = { id: string; text: string; correct?: boolean; feedback?: string };

/** Creates or edits one question; type-specific fields, errors next to each field (i18n keys). */
export function QuestionForm({ courseId, lessonId, question, onDone, onCancel }: { courseId: string; lessonId: string; question: EditorQuestion | null; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('quiz');
  const tAll = useTranslations();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const c: QuestionConfig = question?.config ?? {};
  const [type, setType] = useState<QuestionType>(question?.type ?? 'single');
  const [prompt, setPrompt] = useState(question?.prompt ?? '');
  const [points, setPoints] = useState(String(question?.points ?? 1));
  const [explanation, setExplanation] = useState(question?.explanation ?? '');
  const [options, setOptions] = useState<Option[]>(c.options ?? [{ id: newId(), text: '' }, { id: newId(), text: '' }]);
  const [partialCredit, setPartialCredit] = useState(Boolean(c.partialCredit));
  const [accepted, setAccepted] = useState((c.accepted ?? []).join('\n'));
  const [caseSensitive, setCaseSensitive] = useState(Boolean(c.caseSensitive));
  const [value, setValue] = useState(c.value === undefined ? '' : String(c.value));
  const [tolerance, setTolerance] = useState(String(c.tolerance ?? 0));
  const [items, setItems] = useState(c.items ?? [{ id: newId(), text: '' }, { id: newId(), text: '' }]);
  const [pairs, setPairs] = useState(c.pairs ?? [{ id: newId(), left: '', right: '' }, { id: newId(), left: '', right: '' }]);
  const [answer, setAnswer] = useState<boolean | undefined>(c.answer);
  const fid = question?.id ?? 'new';

  /** Errors of a field and of anything nested under it (e.g. `config.options.1.text` under `config.options`). */
  const err = (k: string) => {
    const keys = Object.entries(errors)
      .filter(([path]) => path === k || path.startsWith(`${k}.`))
      .flatMap(([, v]) => v);
    return keys.length ? [...new Set(keys)].map((key) => tAll(key as never)) : undefined;
  };
  const groupError = (k: string) =>
    err(k) && (
      <p id={`${fid}-${k}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
        {err(k)!.join(' ')}
      </p>
    );

  const config = (): QuestionConfig => {
    switch (type) {
      case 'single':
      case 'multiple':
        return { options: options.map((o) => ({ id: o.id, text: o.text, correct: Boolean(o.correct), feedback: o.feedback ?? '' })), partialCredit };
      case 'true_false':
        return answer === undefined ? {} : { answer };
      case 'short_text':
        return { accepted: accepted.split('\n').map((a) => a.trim()).filter(Boolean), caseSensitive };
      case 'number':
        return { ...(value.trim() !== '' && Number.isFinite(Number(value)) ? { value: Number(value) } : {}), tolerance: Number(tolerance) || 0 };
      case 'ordering':
        return { items };
      case 'matching':
        return { pairs, partialCredit };
      case 'open':
        return {};
    }
  };

  const save = () => {
    const parsed = saveQuestionSchema.safeParse({ courseId, lessonId, questionId: question?.id ?? null, type, prompt, points, explanation, config: config() });
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error));
      return;
    }
    start(async () => {
      const r = await saveQuestionAction(parsed.data);
      if (r.ok) {
        toast.success(t('questionSaved'));
        onDone();
      } else {
        setErrors(r.error.fieldErrors ?? {});
        setFormError(r.error.code === 'VALIDATION' ? null : r.error.message);
      }
    });
  };

  const optionRows = (
    <fieldset className="space-y-2" aria-describedby={err('config.options') ? `${fid}-config.options-error` : undefined}>
      <legend className="text-sm font-medium">{t('form.options')}</legend>
      {options.map((o, i) => (
        <div key={o.id} className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-[1fr_auto_1fr_auto] sm:items-center dark:border-slate-700">
          <label className="sr-only" htmlFor={`${fid}-opt-${o.id}`}>
            {t('form.optionText', { n: i + 1 })}
          </label>
          <Input id={`${fid}-opt-${o.id}`} placeholder={t('form.optionText', { n: i + 1 })} value={o.text} onChange={(e) => setOptions((os) => os.map((x) => (x.id === o.id ? { ...x, text: e.target.value } : x)))} />
          <label className="flex items-center gap-1 text-sm">
            <input
              type={type === 'single' ? 'radio' : 'checkbox'}
              name={`${fid}-correct`}
              checked={Boolean(o.correct)}
              onChange={(e) => setOptions((os) => os.map((x) => (x.id === o.id ? { ...x, correct: e.target.checked } : type === 'single' ? { ...x, correct: false } : x)))}
            />
            {t('form.correct', { n: i + 1 })}
          </label>
          <label className="sr-only" htmlFor={`${fid}-fb-${o.id}`}>
            {t('form.feedback', { n: i + 1 })}
          </label>
          <Input id={`${fid}-fb-${o.id}`} placeholder={t('form.feedback', { n: i + 1 })} value={o.feedback ?? ''} onChange={(e) => setOptions((os) => os.map((x) => (x.id === o.id ? { ...x, feedback: e.target.value } : x)))} />
          <Button size="sm" variant="ghost" aria-label={t('form.removeOption', { n: i + 1 })} disabled={options.length <= 1} onClick={() => setOptions((os) => os.filter((x) => x.id !== o.id))}>
            ✕
          </Button>
        </div>
      ))}
      {groupError('config.options')}
      <Button size="sm" variant="secondary" disabled={options.length >= 20} onClick={() => setOptions((os) => [...os, { id: newId(), text: '' }])}>
        {t('form.addOption')}
      </Button>
      {type === 'multiple' && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={partialCredit} onChange={(e) => setPartialCredit(e.target.checked)} />
          {t('form.partialCredit')}
        </label>
      )}
    </fieldset>
  );

  return (
    <form
      noValidate
      className="space-y-4 rounded-md border border-brand-600/40 p-4"
      aria-label={question ? t('form.editTitle') : t('form.newTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3 className="font-semibold">{question ? t('form.editTitle') : t('form.newTitle')}</h3>
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <Field id={`${fid}-type`} label={t('form.type')}>
          <Select id={`${fid}-type`} value={type} onChange={(e) => setType(e.target.value as QuestionType)}>
            {questionTypes.map((k) => (
              <option key={k} value={k}>
                {t(`types.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${fid}-points`} label={t('form.points')} errors={err('points')}>
          <Input id={`${fid}-points`} type="number" min={0.5} step={0.5} value={points} invalid={Boolean(err('points'))} aria-describedby={describedBy(`${fid}-points`, err('points'))} onChange={(e) => setPoints(e.target.value)} />
        </Field>
      </div>
      <Field id={`${fid}-prompt`} label={t('form.prompt')} errors={err('prompt')}>
        <textarea
          id={`${fid}-prompt`}
          rows={3}
          value={prompt}
          aria-invalid={Boolean(err('prompt')) || undefined}
          aria-describedby={describedBy(`${fid}-prompt`, err('prompt'))}
          className={`${box} ${err('prompt') ? 'border-red-600' : 'border-slate-300 dark:border-slate-700'}`}
          onChange={(e) => setPrompt(e.target.value)}
        />
      </Field>
      {(type === 'single' || type === 'multiple') && optionRows}
      {type === 'true_false' && (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t('form.trueFalseAnswer')}</legend>
          {[true, false].map((b) => (
            <label key={String(b)} className="mr-4 inline-flex items-center gap-2 text-sm">
              <input type="radio" name={`${fid}-tf`} checked={answer === b} onChange={() => setAnswer(b)} />
              {t(b ? 'true' : 'false')}
            </label>
          ))}
          {groupError('config.answer')}
        </fieldset>
      )}
      {type === 'short_text' && (
        <>
          <Field id={`${fid}-accepted`} label={t('form.accepted')} hint={t('form.acceptedHint')} errors={err('config.accepted')}>
            <textarea
              id={`${fid}-accepted`}
              rows={3}
              value={accepted}
              aria-invalid={Boolean(err('config.accepted')) || undefined}
              aria-describedby={describedBy(`${fid}-accepted`, err('config.accepted'), true)}
              className={`${box} ${err('config.accepted') ? 'border-red-600' : 'border-slate-300 dark:border-slate-700'}`}
              onChange={(e) => setAccepted(e.target.value)}
            />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />
            {t('form.caseSensitive')}
          </label>
        </>
      )}
      {type === 'number' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${fid}-value`} label={t('form.value')} errors={err('config.value')}>
            <Input id={`${fid}-value`} type="number" step="any" value={value} invalid={Boolean(err('config.value'))} aria-describedby={describedBy(`${fid}-value`, err('config.value'))} onChange={(e) => setValue(e.target.value)} />
          </Field>
          <Field id={`${fid}-tolerance`} label={t('form.tolerance')} errors={err('config.tolerance')}>
            <Input id={`${fid}-tolerance`} type="number" step="any" min={0} value={tolerance} invalid={Boolean(err('config.tolerance'))} onChange={(e) => setTolerance(e.target.value)} />
          </Field>
        </div>
      )}
      {type === 'ordering' && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t('form.items')}</legend>
          {items.map((it, i) => (
            <div key={it.id} className="flex items-center gap-2">
              <label className="sr-only" htmlFor={`${fid}-item-${it.id}`}>
                {t('form.itemText', { n: i + 1 })}
              </label>
              <Input id={`${fid}-item-${it.id}`} placeholder={t('form.itemText', { n: i + 1 })} value={it.text} onChange={(e) => setItems((xs) => xs.map((x) => (x.id === it.id ? { ...x, text: e.target.value } : x)))} />
              <Button size="sm" variant="ghost" aria-label={t('form.removeItem', { n: i + 1 })} onClick={() => setItems((xs) => xs.filter((x) => x.id !== it.id))}>
                ✕
              </Button>
            </div>
          ))}
          {groupError('config.items')}
          <Button size="sm" variant="secondary" onClick={() => setItems((xs) => [...xs, { id: newId(), text: '' }])}>
            {t('form.addItem')}
          </Button>
        </fieldset>
      )}
      {type === 'matching' && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t('form.pairs')}</legend>
          {pairs.map((p, i) => (
            <div key={p.id} className="grid items-center gap-2 sm:grid-cols-[1fr_1fr_auto]">
              <label className="sr-only" htmlFor={`${fid}-l-${p.id}`}>
                {t('form.pairLeft', { n: i + 1 })}
              </label>
              <Input id={`${fid}-l-${p.id}`} placeholder={t('form.pairLeft', { n: i + 1 })} value={p.left} onChange={(e) => setPairs((xs) => xs.map((x) => (x.id === p.id ? { ...x, left: e.target.value } : x)))} />
              <label className="sr-only" htmlFor={`${fid}-r-${p.id}`}>
                {t('form.pairRight', { n: i + 1 })}
              </label>
              <Input id={`${fid}-r-${p.id}`} placeholder={t('form.pairRight', { n: i + 1 })} value={p.right} onChange={(e) => setPairs((xs) => xs.map((x) => (x.id === p.id ? { ...x, right: e.target.value } : x)))} />
              <Button size="sm" variant="ghost" aria-label={t('form.removePair', { n: i + 1 })} onClick={() => setPairs((xs) => xs.filter((x) => x.id !== p.id))}>
                ✕
              </Button>
            </div>
          ))}
          {groupError('config.pairs')}
          <Button size="sm" variant="secondary" onClick={() => setPairs((xs) => [...xs, { id: newId(), left: '', right: '' }])}>
            {t('form.addPair')}
          </Button>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={partialCredit} onChange={(e) => setPartialCredit(e.target.checked)} />
            {t('form.partialCreditPairs')}
          </label>
        </fieldset>
      )}
      {type === 'open' && <p className="text-sm text-slate-700 dark:text-slate-300">{t('form.openHint')}</p>}
      <Field id={`${fid}-explanation`} label={t('form.explanation')} hint={t('form.explanationHint')} errors={err('explanation')}>
        <textarea id={`${fid}-explanation`} rows={2} value={explanation} aria-describedby={describedBy(`${fid}-explanation`, err('explanation'), true)} className={`${box} border-slate-300 dark:border-slate-700`} onChange={(e) => setExplanation(e.target.value)} />
      </Field>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t('saving') : t('form.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
