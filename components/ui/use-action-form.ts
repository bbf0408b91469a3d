'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { z } from 'zod';
import type { ActionResult, FieldErrors } from '@/lib/errors';
import { isMessageKey, toFieldErrors } from '@/lib/validation';

/**
 * Submits a form to a wrapped server action. Validates with the same zod schema first (instant
 * errors next to fields), then shows the server's field errors or a toast for other failures.
 */
export function useActionForm<R>(
  // The action validates on the server anyway; the form hands it raw string values.
  action: (input: never) => Promise<ActionResult<R>>,
  opts: { schema?: z.ZodType; onSuccess?: (data: R, form: HTMLFormElement) => void; transform?: (values: Record<string, unknown>) => Record<string, unknown> } = {},
) {
  const t = useTranslations();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    let values: Record<string, unknown> = Object.fromEntries(new FormData(form).entries());
    if (opts.transform) values = opts.transform(values);
    if (opts.schema) {
      const parsed = opts.schema.safeParse(values);
      if (!parsed.success) {
        setFieldErrors(toFieldErrors(parsed.error));
        focusFirstInvalid(form);
        return;
      }
    }
    startTransition(async () => {
      try {
        const r = await action(values as never);
        if (r.ok) {
          setFieldErrors({});
          setFormError(null);
          opts.onSuccess?.(r.data, form);
          return;
        }
        setFieldErrors(r.error.fieldErrors ?? {});
        setFormError(r.error.code === 'VALIDATION' ? null : r.error.message);
        if (r.error.code === 'VALIDATION') focusFirstInvalid(form);
      } catch {
        setFormError(t('errors.network'));
        toast.error(t('errors.network'));
      }
    });
  };

  const errorsFor = (name: string) => fieldErrors[name]?.map((k) => (isMessageKey(k) ? t(k as never) : k));
  return { onSubmit, pending, errorsFor, formError, fieldErrors };
}

function focusFirstInvalid(form: HTMLFormElement) {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
