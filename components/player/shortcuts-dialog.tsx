'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';
import { SHORTCUTS } from '@/lib/player/controls';

/** The keyboard help: a native modal <dialog> (focus trap, Escape and the top layer come with it). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('player');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === e.currentTarget) ref.current?.close();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          {t('shortcuts')}
        </h2>
        <table className="mt-3 w-full text-sm">
          <caption className="sr-only">{t('shortcutsCaption')}</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">{t('keyColumn')}</th>
              <th scope="col">{t('actionColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action} className="border-t border-slate-200 first:border-t-0 dark:border-slate-700">
                <td className="py-1.5 pr-4 whitespace-nowrap">
                  {s.keys.map((k, i) =>
                    k === '…' ? (
                      <span key={i} className="mx-1" aria-hidden="true">
                        –
                      </span>
                    ) : (
                      <kbd key={i} className="mr-1 inline-block min-w-7 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                        {k === 'Space' ? t('keys.space') : k}
                      </kbd>
                    ),
                  )}
                </td>
                <td className="py-1.5">{t(`keys.${s.action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4 flex justify-end">
          <button
            type="button"
            onClick={() => ref.current?.close()}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-100 sm:min-h-9 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
          >
            {t('close')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
