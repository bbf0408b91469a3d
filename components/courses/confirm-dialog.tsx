'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, type ReactNode } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';

type Props = {
  /** Label of the button that opens the dialog. */
  trigger: ReactNode;
  triggerProps?: ButtonProps;
  title: string;
  children?: ReactNode;
  /** The confirming button: either `onConfirm` (the dialog closes first) or `form`, the id of a form inside `children` to submit. */
  confirmLabel: string;
  confirmVariant?: ButtonProps['variant'];
  confirmDisabled?: boolean;
  onConfirm?: () => void;
  form?: string;
};

/**
 * A native modal <dialog>: the browser traps focus, Escape closes it and focus returns to the
 * trigger, so no library is needed for a confirmation.
 */
export function ConfirmDialog({ trigger, triggerProps, title, children, confirmLabel, confirmVariant = 'primary', confirmDisabled, onConfirm, form }: Props) {
  const t = useTranslations('courses');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <Button {...triggerProps} onClick={() => ref.current?.showModal()}>
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-3 space-y-3 text-sm">{children}</div>
        <div className="mt-6 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => ref.current?.close()}>
            {t('actions.cancel')}
          </Button>
          <Button
            type={form ? 'submit' : 'button'}
            form={form}
            variant={confirmVariant}
            disabled={confirmDisabled}
            onClick={
              onConfirm
                ? () => {
                    ref.current?.close();
                    onConfirm();
                  }
                : undefined
            }
          >
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
