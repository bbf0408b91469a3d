'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { regenerateInviteLinkAction } from '@/lib/enrollments/actions';

/** Shows the course's invite link with copy and regenerate buttons. */
export function InviteLinkPanel({ courseId, initialUrl }: { courseId: string; initialUrl: string | null }) {
  const t = useTranslations('enrollment.students');
  const [url, setUrl] = useState(initialUrl);
  const [pending, start] = useTransition();
  const regenerate = () =>
    start(async () => {
      const r = await regenerateInviteLinkAction({ courseId });
      if (r.ok) {
        setUrl(r.data.url);
        toast.success(t('linkCreated'));
      } else toast.error(r.error.message);
    });
  const copy = () => {
    if (!url) return;
    navigator.clipboard?.writeText(url).then(
      () => toast.success(t('copied')),
      () => toast.error(t('copyFailed')),
    );
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700 dark:text-slate-300">{t('inviteHint')}</p>
      {url ? (
        <>
          <label htmlFor="invite-url" className="block text-sm font-medium">
            {t('inviteLink')}
          </label>
          <input
            id="invite-url"
            readOnly
            value={url}
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button size="sm" onClick={copy}>
              {t('copy')}
            </Button>
            <Button size="sm" variant="secondary" disabled={pending} onClick={regenerate} aria-describedby="regen-hint">
              {t('regenerate')}
            </Button>
            <span id="regen-hint" className="text-xs text-slate-600 dark:text-slate-400">
              {t('regenerateHint')}
            </span>
          </div>
        </>
      ) : (
        <>
          <p className="text-sm">{t('inviteNone')}</p>
          <Button size="sm" disabled={pending} onClick={regenerate}>
            {t('createLink')}
          </Button>
        </>
      )}
    </div>
  );
}
