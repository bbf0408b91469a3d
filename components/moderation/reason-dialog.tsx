'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type RefObject } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';
import { Input } from '@/components/ui/field';

type Props = {
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: string;
  label: string;
  confirmLabel: string;
  confirmVariant?: ButtonProps['variant'];
  /** Resolves true when done (the dialog then closes and clears). */
  onConfirm: (reason: string) => Promise<boolean>;
};

/**
 * A native modal <dialog> asking for the reason every moderation decision needs. The browser traps
 * focus and Escape closes it; the reason field is focused on open.
 */
export function ReasonDialog({ dialogRef, title, label, confirmLabel, confirmVariant = 'primary', onConfirm }: Props) {
  const t = useTranslations('moderation.report');
  const id = useId();
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!reason.trim()) return;
          setPending(true);
          const ok = await onConfirm(reason.trim());
          setPending(false);
          if (ok) {
            setReason('');
            dialogRef.current?.close();
          }
        }}
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <label htmlFor={`${id}-reason`} className="mt-4 block text-sm font-medium">
          {label}
        </label>
        <Input id={`${id}-reason`} name="reason" required maxLength={1000} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} className="mt-1" />
        <div className="mt-6 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
            {t('cancel')}
          </Button>
          <Button type="submit" variant={confirmVariant} disabled={pending || !reason.trim()}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
