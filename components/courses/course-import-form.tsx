'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { COURSE_FILE_MAX_BYTES, LESSONS_MAX, MODULES_MAX, type CourseFileProblem } from '@/lib/course-transfer/format';

const FIELD_ID = 'course-file';

/** Reads the chosen file in the browser and sends its text; lists every problem with its JSON path. */
export function CourseImportForm() {
  const t = useTranslations('courseTransfer');
  const tAll = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [problems, setProblems] = useState<CourseFileProblem[]>([]);
  const problemsHeading = useRef<HTMLHeadingElement>(null);

  // Move focus to the list so keyboard and screen-reader users land on what needs fixing.
  useEffect(() => {
    if (problems.length) problemsHeading.current?.focus();
  }, [problems]);

  const reset = () => {
    setFieldErrors([]);
    setFormError(null);
    setProblems([]);
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    reset();
    const input = e.currentTarget.elements.namedItem('file') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) {
      setFieldErrors([t('fileRequired')]);
      input.focus();
      return;
    }
    if (file.size > COURSE_FILE_MAX_BYTES) {
      setProblems([{ path: '$', code: 'tooLarge', params: { maxMb: COURSE_FILE_MAX_BYTES / 1024 / 1024 }, message: '' }]);
      return;
    }
    startTransition(async () => {
      let text: string;
      try {
        text = await file.text();
      } catch {
        setFieldErrors([t('readFailed')]);
        return;
      }
      try {
        // The file goes to its own route (lib/course-transfer has the 20 MB cap), as sent.
        const res = await fetch('/api/courses/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
        const body = (await res.json().catch(() => null)) as { courseId?: string; problems?: CourseFileProblem[]; error?: { message: string } } | null;
        if (body?.problems) {
          setProblems(body.problems);
          return;
        }
        if (!res.ok || !body?.courseId) {
          if (res.status === 413) setProblems([{ path: '$', code: 'tooLarge', params: { maxMb: COURSE_FILE_MAX_BYTES / 1024 / 1024 }, message: '' }]);
          else setFormError(body?.error?.message ?? tAll('errors.network'));
          return;
        }
        toast.success(t('imported'));
        router.push(`/courses/${body.courseId}/settings`);
      } catch {
        setFormError(tAll('errors.network'));
      }
    });
  };

  const invalid = fieldErrors.length > 0;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <Field id={FIELD_ID} label={t('fileLabel')} hint={t('fileHint', { maxMb: COURSE_FILE_MAX_BYTES / 1024 / 1024, maxModules: MODULES_MAX, maxLessons: LESSONS_MAX })} errors={fieldErrors}>
          <Input
            id={FIELD_ID}
            name="file"
            type="file"
            accept=".json,application/json"
            required
            invalid={invalid}
            aria-describedby={describedBy(FIELD_ID, fieldErrors, true)}
            onChange={reset}
            className="file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-sm file:font-medium dark:file:bg-slate-800 dark:file:text-slate-100"
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? t('importing') : t('submit')}
        </Button>
      </form>
      {problems.length > 0 && (
        <section aria-labelledby="import-problems-title" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          <h2 id="import-problems-title" ref={problemsHeading} tabIndex={-1} className="font-semibold outline-none">
            {t('problemsTitle', { count: problems.filter((p) => p.code !== 'moreProblems').length })}
          </h2>
          <p className="mt-1">{t('problemsHint')}</p>
          <ul className="mt-3 list-disc space-y-1 pl-5" data-testid="import-problems">
            {problems.map((p, i) => (
              <li key={`${p.path}-${i}`}>
                {p.code !== 'moreProblems' && (
                  <>
                    <code className="rounded bg-white/70 px-1 font-mono text-xs dark:bg-black/30">{p.path}</code>:{' '}
                  </>
                )}
                {t(`problems.${p.code}`, p.params ?? {})}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
