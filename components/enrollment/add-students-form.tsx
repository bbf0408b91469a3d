'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import { addStudentsAction } from '@/lib/enrollments/actions';
import { MAX_EMAIL_ROWS } from '@/lib/enrollments/email-list';
import { ADD_STUDENTS_MAX_CHARS, addStudentsSchema } from '@/lib/enrollments/schemas';
import type { ActionResult } from '@/lib/errors';

type AddResult = Awaited<ReturnType<typeof addStudentsAction>> extends ActionResult<infer R> ? R : never;
type Row = { row: number; email: string; outcome: AddResult['results'][number]['outcome'] | 'invalid' | 'duplicate' };

const control = 'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';
const problemOutcomes = new Set(['invalid', 'duplicate']);

/** Adds students by a pasted list or a CSV file (read here, parsed on the server) and shows what happened to each row. */
export function AddStudentsForm({ courseId }: { courseId: string }) {
  const t = useTranslations('enrollment.students');
  const router = useRouter();
  const [result, setResult] = useState<AddResult | null>(null);
  const onDone = (data: AddResult, form?: HTMLFormElement) => {
    setResult(data);
    form?.reset();
    router.refresh();
  };

  const listForm = useActionForm(addStudentsAction, { schema: addStudentsSchema, onSuccess: (data, form) => onDone(data, form) });
  const listErrors = listForm.errorsFor('content');

  const [csvPending, startCsv] = useTransition();
  const [csvError, setCsvError] = useState<string | null>(null);
  const onCsv = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const file = new FormData(form).get('file');
    if (!(file instanceof File) || file.size === 0) return setCsvError(t('csvRequired'));
    if (file.size > ADD_STUDENTS_MAX_CHARS) return setCsvError(t('csvTooLarge'));
    startCsv(async () => {
      try {
        const r = await addStudentsAction({ courseId, format: 'csv', content: await file.text() });
        if (r.ok) {
          setCsvError(null);
          onDone(r.data, form);
        } else setCsvError(r.error.fieldErrors?.content?.[0] ?? r.error.message);
      } catch {
        setCsvError(t('networkError'));
      }
    });
  };

  const rows: Row[] = result
    ? [...result.results.map((r) => ({ row: r.row, email: r.email, outcome: r.outcome })), ...result.problems.map((p) => ({ row: p.row, email: p.value, outcome: p.reason }))].sort((a, b) => a.row - b.row)
    : [];
  const countOf = (...o: Row['outcome'][]) => rows.filter((r) => o.includes(r.outcome)).length;

  return (
    <div className="space-y-6">
      <form onSubmit={listForm.onSubmit} noValidate className="space-y-3">
        <input type="hidden" name="courseId" value={courseId} />
        <input type="hidden" name="format" value="text" />
        <FormError message={listForm.formError} />
        <Field id="add-emails" label={t('emails')} hint={t('emailsHint', { max: MAX_EMAIL_ROWS })} errors={listErrors}>
          <textarea
            id="add-emails"
            name="content"
            rows={5}
            className={`${control} font-mono`}
            aria-invalid={listErrors?.length ? true : undefined}
            aria-describedby={describedBy('add-emails', listErrors, true)}
            placeholder="ann@example.com, bob@example.com"
          />
        </Field>
        <Button type="submit" disabled={listForm.pending}>
          {listForm.pending ? t('adding') : t('add')}
        </Button>
      </form>

      <p className="text-sm text-slate-600 dark:text-slate-400">{t('or')}</p>

      <form onSubmit={onCsv} noValidate className="space-y-3">
        <Field id="add-csv" label={t('csvFile')} hint={t('csvHint', { max: MAX_EMAIL_ROWS })} errors={csvError ? [csvError] : undefined}>
          <input
            id="add-csv"
            name="file"
            type="file"
            accept=".csv,text/csv,text/plain"
            className="block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100"
            aria-invalid={csvError ? true : undefined}
            aria-describedby={describedBy('add-csv', csvError ? [csvError] : undefined, true)}
          />
        </Field>
        <Button type="submit" variant="secondary" disabled={csvPending}>
          {csvPending ? t('uploading') : t('upload')}
        </Button>
      </form>

      {result && (
        <section aria-labelledby="add-results-h" className="space-y-2">
          <h3 id="add-results-h" className="font-semibold">
            {t('resultsTitle')}
          </h3>
          <p role="status" className="text-sm">
            {t('resultsSummary', {
              enrolled: countOf('enrolled', 'reactivated'),
              invited: countOf('invited'),
              already: countOf('alreadyEnrolled', 'alreadyInvited'),
              problems: countOf('invalid', 'duplicate'),
            })}
          </p>
          {rows.length > 0 && (
            <div className="max-h-96 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t('resultsTitle')}</caption>
                <thead className="sticky top-0 bg-slate-50 dark:bg-slate-950">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t('row')}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t('email')}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t('result')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={`${r.row}-${i}`} className="border-t border-slate-100 dark:border-slate-800" data-testid={`add-result-${r.email}`}>
                      <td className="px-3 py-1.5 tabular-nums">{r.row}</td>
                      <td className="px-3 py-1.5 break-all">{r.email || '—'}</td>
                      <td className={problemOutcomes.has(r.outcome) ? 'px-3 py-1.5 text-red-700 dark:text-red-400' : 'px-3 py-1.5'}>{t(`outcomes.${r.outcome}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
