'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { TextareaField } from '@/components/courses/textarea-field';
import { Button } from '@/components/ui/button';
import { Field, Select, TextField, describedBy } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import { createReportAction } from '@/lib/moderation/actions';
import { reportReasons, type ReportTargetType } from '@/lib/moderation/constants';
import { createReportSchema } from '@/lib/moderation/schemas';

type Props = { targetType: ReportTargetType; targetId: string; /** Visitors who are not signed in give an email. */ anonymous?: boolean; size?: 'sm' | 'md' };

/** "Report" opens a dialog with the reason list, details, an evidence link (and an email for visitors). */
export function ReportButton({ targetType, targetId, anonymous = false, size = 'sm' }: Props) {
  const t = useTranslations('moderation');
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  // The form is rendered only while the dialog is open, so several report buttons on one page never
  // repeat field ids.
  const [open, setOpen] = useState(false);
  const form = useActionForm(createReportAction, {
    schema: createReportSchema,
    transform: (v) => ({ ...v, targetType, targetId }),
    onSuccess: (data, f) => {
      toast.success(data.merged ? t('report.merged') : t('report.sent'));
      f.reset();
      ref.current?.close();
    },
  });
  const reasonErrors = form.errorsFor('reason');
  const target = t(`targets.${targetType}`).toLowerCase();
  return (
    <>
      <Button
        variant="ghost"
        size={size}
        onClick={() => {
          setOpen(true);
          ref.current?.showModal();
        }}
        aria-label={t('report.openLabel', { target })}
        data-testid={`report-${targetType}`}
      >
        ⚑ {t('report.open')}
      </Button>
      <dialog
        ref={ref}
        onClose={() => setOpen(false)}
        aria-labelledby={`${id}-title`}
        className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={`${id}-title`} className="mb-4 text-lg font-semibold">
          {t('report.title')}
        </h2>
        {open && (
          <form onSubmit={form.onSubmit} noValidate className="space-y-4">
            <p className="text-sm text-slate-700 dark:text-slate-300">{t('report.intro')}</p>
            <Field id={`${id}-reason`} label={t('report.reason')} errors={reasonErrors}>
              <Select id={`${id}-reason`} name="reason" required defaultValue="" invalid={Boolean(reasonErrors?.length)} aria-describedby={describedBy(`${id}-reason`, reasonErrors)}>
                <option value="" disabled>
                  {t('report.chooseReason')}
                </option>
                {reportReasons.map((r) => (
                  <option key={r} value={r}>
                    {t(`reasons.${r}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <TextareaField name="details" label={t('report.details')} hint={t('report.detailsHint')} maxLength={2000} rows={4} errors={form.errorsFor('details')} />
            <TextField name="evidenceUrl" type="url" label={t('report.evidence')} maxLength={2000} placeholder="https://" errors={form.errorsFor('evidenceUrl')} />
            {anonymous && <TextField name="email" type="email" required autoComplete="email" label={t('report.email')} hint={t('report.emailHint')} errors={form.errorsFor('email')} />}
            <FormError message={form.formError} />
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={() => ref.current?.close()}>
                {t('report.cancel')}
              </Button>
              <Button type="submit" disabled={form.pending}>
                {t('report.submit')}
              </Button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
