'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/errors';
import { isMessageKey } from '@/lib/validation';
import type { VideoSummary } from '@/lib/videos/dto';
import { deleteCaptionsAction } from '@/lib/videos/actions';

export function CaptionsManager({ video }: { video: VideoSummary }) {
  const t = useTranslations('videos');
  const tAll = useTranslations();
  const router = useRouter();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const msg = (k: string) => errors[k]?.map((key) => (isMessageKey(key) ? tAll(key as never) : key));

  const upload = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      const res = await fetch(`/api/videos/${video.id}/captions`, { method: 'POST', body: form }).catch(() => null);
      const data = await res?.json().catch(() => null);
      if (res?.ok) {
        setErrors({});
        setFormError(null);
        formRef.current?.reset();
        toast.success(t('captionAdded', { cues: data.cues }));
        router.refresh();
      } else {
        const fe: FieldErrors = data?.error?.fieldErrors ?? {};
        // The parse error names the line: show the server's sentence next to the file field.
        if (fe.file?.[0] === 'errors.captionsInvalid') fe.file = [data.error.message];
        setErrors(fe);
        setFormError(Object.keys(fe).length ? null : (data?.error?.message ?? tAll('errors.network')));
      }
    });
  };
  const remove = (captionId: string) =>
    start(async () => {
      const r = await deleteCaptionsAction({ captionId });
      if (r.ok) router.refresh();
      else toast.error(r.error.message);
    });

  return (
    <details className="rounded-md bg-slate-50 p-3 dark:bg-slate-800/50">
      <summary className="cursor-pointer text-sm font-medium">
        {t('captions')} ({video.captions.length})
      </summary>
      <div className="mt-3 space-y-3">
        {video.captions.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('captionsNone')}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {video.captions.map((c) => (
              <li key={c.id} className="flex items-center gap-2">
                <span>
                  {c.label} ({c.lang})
                </span>
                <Button size="sm" variant="ghost" onClick={() => remove(c.id)} disabled={pending} aria-label={t('captionDelete', { label: c.label })}>
                  ×
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form ref={formRef} onSubmit={upload} className="grid gap-3 sm:grid-cols-3" noValidate>
          <TextField id={`${id}-lang`} name="lang" label={t('captionLang')} hint={t('captionLangHint')} errors={msg('lang')} required maxLength={16} />
          <TextField id={`${id}-label`} name="label" label={t('captionLabel')} errors={msg('label')} required maxLength={60} />
          <TextField id={`${id}-file`} name="file" type="file" label={t('captionFile')} errors={msg('file')} accept=".vtt,.srt,text/vtt" required />
          <div className="sm:col-span-3">
            <Button type="submit" size="sm" disabled={pending}>
              {pending ? t('captionUploading') : t('captionUpload')}
            </Button>
            {formError && (
              <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
                {formError}
              </p>
            )}
          </div>
        </form>
      </div>
    </details>
  );
}
