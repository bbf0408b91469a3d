'use client';

import { useTranslations } from 'next-intl';
import type { QuizAnswer } from '@/db/schema/assessments';
import type { TakingQuestion } from '@/lib/quizzes/dto';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';

const box = 'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900';

/**
 * The answer control of one question as a student sees it (also the editor's preview). The
 * question text is the group's legend, so every control is named by it.
 */
export function QuestionInput({ question, value, onChange, disabled, index }: { question: TakingQuestion; value: QuizAnswer | undefined; onChange: (v: QuizAnswer) => void; disabled?: boolean; index: number }) {
  const t = useTranslations('quiz');
  const name = `q-${question.id}`;
  const legend = (
    <legend className="mb-2 font-medium">
      <span className="text-slate-600 dark:text-slate-400">{t('questionNumber', { n: index + 1 })} </span>
      <span className="whitespace-pre-wrap">{question.prompt}</span>
      <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">({t('pointsShort', { n: question.points })})</span>
    </legend>
  );
  switch (question.type) {
    case 'single':
    case 'true_false': {
      const options = question.type === 'single' ? question.options ?? [] : [{ id: 'true', text: t('true') }, { id: 'false', text: t('false') }];
      const current = question.type === 'true_false' ? (typeof value === 'boolean' ? String(value) : undefined) : (value as string | undefined);
      return (
        <fieldset data-question={question.id}>
          {legend}
          <div className="space-y-2">
            {options.map((o) => (
              <label key={o.id} className="flex items-center gap-2 text-sm">
                <input type="radio" name={name} value={o.id} disabled={disabled} checked={current === o.id} onChange={() => onChange(question.type === 'true_false' ? o.id === 'true' : o.id)} />
                <span>{o.text}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case 'multiple': {
      const picked = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset data-question={question.id}>
          {legend}
          <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{t('selectAll')}</p>
          <div className="space-y-2">
            {(question.options ?? []).map((o) => (
              <label key={o.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={name}
                  value={o.id}
                  disabled={disabled}
                  checked={picked.includes(o.id)}
                  onChange={(e) => onChange(e.target.checked ? [...picked, o.id] : picked.filter((x) => x !== o.id))}
                />
                <span>{o.text}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case 'short_text':
    case 'number':
      return (
        <fieldset data-question={question.id}>
          {legend}
          <label className="sr-only" htmlFor={name}>
            {t('yourAnswer')}
          </label>
          <Input
            id={name}
            type={question.type === 'number' ? 'number' : 'text'}
            step={question.type === 'number' ? 'any' : undefined}
            disabled={disabled}
            className="max-w-md"
            value={value === undefined || value === null ? '' : String(value)}
            // Numbers are kept as typed ("3." mid-typing) and parsed by the server when scoring.
            onChange={(e) => onChange(e.target.value)}
          />
        </fieldset>
      );
    case 'open':
      return (
        <fieldset data-question={question.id}>
          {legend}
          <label className="sr-only" htmlFor={name}>
            {t('yourAnswer')}
          </label>
          <textarea id={name} rows={5} disabled={disabled} className={box} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />
        </fieldset>
      );
    case 'ordering': {
      const items = question.items ?? [];
      const order = Array.isArray(value) && value.length === items.length ? (value as string[]) : items.map((i) => i.id);
      const textOf = (id: string) => items.find((i) => i.id === id)?.text ?? '';
      const move = (from: number, to: number) => {
        const next = [...order];
        const [x] = next.splice(from, 1);
        next.splice(to, 0, x!);
        onChange(next);
      };
      return (
        <fieldset data-question={question.id}>
          {legend}
          <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{t('orderHint')}</p>
          <ol className="space-y-2">
            {order.map((id, i) => (
              <li key={id} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-700">
                <span className="w-6 text-slate-600 dark:text-slate-400">{i + 1}.</span>
                <span className="flex-1">{textOf(id)}</span>
                <Button size="sm" variant="ghost" disabled={disabled || i === 0} aria-label={t('moveItemUp', { item: textOf(id) })} onClick={() => move(i, i - 1)}>
                  ↑
                </Button>
                <Button size="sm" variant="ghost" disabled={disabled || i === order.length - 1} aria-label={t('moveItemDown', { item: textOf(id) })} onClick={() => move(i, i + 1)}>
                  ↓
                </Button>
              </li>
            ))}
          </ol>
        </fieldset>
      );
    }
    case 'matching': {
      const map = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
      return (
        <fieldset data-question={question.id}>
          {legend}
          <div className="space-y-2">
            {(question.lefts ?? []).map((l) => (
              <div key={l.id} className="grid items-center gap-2 sm:grid-cols-2">
                <label htmlFor={`${name}-${l.id}`} className="text-sm">
                  {l.text}
                </label>
                <Select id={`${name}-${l.id}`} disabled={disabled} value={map[l.id] ?? ''} onChange={(e) => onChange({ ...map, [l.id]: e.target.value })}>
                  <option value="">{t('choose')}</option>
                  {(question.rights ?? []).map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.text}
                    </option>
                  ))}
                </Select>
              </div>
            ))}
          </div>
        </fieldset>
      );
    }
  }
}

/** Whether a question has an answer worth counting as "answered" in the progress. */
export function isAnswered(v: QuizAnswer | undefined) {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.values(v).some(Boolean);
  return true;
}
