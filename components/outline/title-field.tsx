'use client';

import { useTranslations } from 'next-intl';
import { memo, useEffect, useId, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { isTranslatable } from './messages';
import type { OpResult } from './use-outline-editor';

const AUTOSAVE_DELAY_MS = 600;

type Status = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';
type Props = {
  value: string;
  /** Accessible name, e.g. "Lesson title". */
  label: string;
  onSave: (title: string) => Promise<OpResult | null>;
  className?: string;
  inputClassName?: string;
};

/**
 * An inline title that saves itself: 600 ms after the last keystroke, on Enter and on blur.
 * Escape puts back the last saved title. The server's field error shows under the input.
 */
export const TitleField = memo(function TitleField({ value, label, onSave, className, inputClassName }: Props) {
  const errorId = useId();
  const [draft, setDraft] = useState(value);
  const [status, setStatus] = useState<Status>('idle');
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  // While the author is not editing, a new title from the server (undo, another tab) shows at once.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (status === 'idle' || status === 'saved') setDraft(value);
  }

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const latest = useRef({ draft, value, onSave });
  useEffect(() => {
    latest.current = { draft, value, onSave };
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const save = async () => {
    clearTimeout(timer.current);
    const { draft: title, value: saved, onSave: persist } = latest.current;
    if (title.trim() === saved && title.trim() !== '') {
      setStatus((s) => (s === 'dirty' || s === 'error' ? 'idle' : s));
      setError(null);
      return;
    }
    const mine = ++seq.current;
    setStatus('saving');
    const r = await persist(title);
    if (mine !== seq.current) return; // a newer save or an Escape came after this one
    if (r?.ok) {
      setError(null);
      setStatus(latest.current.draft === title ? 'saved' : 'dirty');
      if (latest.current.draft !== title) timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      return;
    }
    // An i18n key (field error), the server's message, or null when the save was dropped by a reload.
    setError((r && !r.ok && (r.error.fieldErrors?.title?.[0] ?? r.error.message)) || 'outline.title.notSent');
    setStatus('error');
  };

  return (
    <div className={cn('ol-tf', className)}>
      <input
        type="text"
        value={draft}
        aria-label={label}
        aria-invalid={status === 'error' || undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          latest.current.draft = e.target.value;
          setStatus('dirty');
          setTouched(true);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            clearTimeout(timer.current);
            seq.current++;
            setDraft(latest.current.value);
            latest.current.draft = latest.current.value;
            setStatus('idle');
            setError(null);
          }
        }}
        onBlur={() => {
          if (status === 'dirty') void save();
        }}
        className={inputClassName}
      />
      {/* Mounted once the author edits, so thousands of untouched rows carry no translated status. */}
      {touched && <FieldStatus status={status} error={error} errorId={errorId} onRetry={() => void save()} />}
    </div>
  );
});

function FieldStatus({ status, error, errorId, onRetry }: { status: Status; error: string | null; errorId: string; onRetry: () => void }) {
  const t = useTranslations();
  return (
    <>
      <span role="status" className="shrink-0 text-xs text-slate-600 dark:text-slate-400">
        {status === 'saving' && t('outline.title.saving')}
        {status === 'saved' && t('outline.title.saved')}
        {status === 'error' && (
          <>
            <span className="text-red-700 dark:text-red-400">{t('outline.title.failed')}</span>{' '}
            <button type="button" className="font-medium underline" onClick={onRetry}>
              {t('outline.title.retry')}
            </button>
          </>
        )}
      </span>
      {error && (
        <p id={errorId} className="basis-full px-2 pt-1 text-xs text-red-700 dark:text-red-400">
          {isTranslatable(error) || error.startsWith('outline.') ? t(error as never) : error}
        </p>
      )}
    </>
  );
}
