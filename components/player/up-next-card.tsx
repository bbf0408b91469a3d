'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId } from 'react';

/** Shown when the video ends: the next lesson, with a countdown (null when cancelled) and a replay. */
export function UpNextCard({
  title,
  href,
  seconds,
  onCancel,
  onReplay,
}: {
  title: string;
  href: string;
  seconds: number | null;
  onCancel: () => void;
  onReplay: () => void;
}) {
  const t = useTranslations('player');
  const titleId = useId();
  return (
    <div className="absolute inset-0 z-20 flex items-center justify-center bg-black/75 p-4">
      <div className="w-full max-w-sm rounded-lg bg-white p-4 text-slate-900 shadow-xl dark:bg-slate-900 dark:text-slate-100">
        <p className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">{t('upNext.heading')}</p>
        <p id={titleId} className="mt-1 line-clamp-2 font-semibold">
          {title}
        </p>
        {seconds !== null && <p className="mt-1 text-sm text-slate-600 tabular-nums dark:text-slate-400">{t('upNext.startsIn', { seconds })}</p>}
        <div className="mt-3 flex flex-wrap gap-2">
          <Link
            href={href}
            aria-describedby={titleId}
            className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700 sm:min-h-9"
          >
            {t('upNext.playNow')}
          </Link>
          {seconds !== null && (
            <button
              type="button"
              onClick={onCancel}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-4 text-sm font-medium hover:bg-slate-100 sm:min-h-9 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              {t('upNext.cancel')}
            </button>
          )}
          <button
            type="button"
            onClick={onReplay}
            className="inline-flex min-h-11 items-center rounded-md px-4 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:min-h-9 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            {t('replay')}
          </button>
        </div>
      </div>
    </div>
  );
}
