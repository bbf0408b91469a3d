'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatBytes } from '@/lib/format-bytes';
import { MATERIAL_ACCEPT, MATERIAL_MAX_BYTES } from '@/lib/materials/constants';

type Props = { courseId: string; lessonId?: string; /** Replace this material's file. */ materialId?: string; label: string };
type Started = { materialId: string; uploadId: string; partSize: number; partCount: number };

const PARALLEL_PARTS = 3;

async function errorOf(res: Response) {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? res.statusText;
}

/**
 * Uploads one document straight to the object store in parts (S3 multipart through our routes:
 * the server picks the key and signs each part), three parts at a time, each retried twice.
 */
export function MaterialUploader({ courseId, lessonId, materialId, label }: Props) {
  const t = useTranslations('materials');
  const router = useRouter();
  const inputId = useId();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const started = useRef<Started | null>(null);

  async function upload(file: File) {
    setError(null);
    if (file.size > MATERIAL_MAX_BYTES) return setError(t('tooLarge', { name: file.name, max: formatBytes(MATERIAL_MAX_BYTES) }));
    const ctrl = new AbortController();
    abort.current = ctrl;
    setProgress({ name: file.name, percent: 0 });
    try {
      const res = await fetch('/api/materials', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ courseId, lessonId, materialId, filename: file.name, type: file.type, size: file.size }), signal: ctrl.signal });
      if (!res.ok) throw new Error(await errorOf(res));
      const up = (await res.json()) as Started;
      started.current = up;
      let next = 1;
      let done = 0;
      const sendPart = async (n: number) => {
        for (let attempt = 0; ; attempt++) {
          try {
            const signed = await fetch(`/api/materials/${up.materialId}/parts/${n}?uploadId=${encodeURIComponent(up.uploadId)}`, { signal: ctrl.signal });
            if (!signed.ok) throw new Error(await errorOf(signed));
            const { url } = (await signed.json()) as { url: string };
            const put = await fetch(url, { method: 'PUT', body: file.slice((n - 1) * up.partSize, n * up.partSize), signal: ctrl.signal });
            if (!put.ok) throw new Error(`HTTP ${put.status}`);
            return;
          } catch (e) {
            if (ctrl.signal.aborted || attempt >= 2) throw e;
          }
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL_PARTS, up.partCount) }, async () => {
          while (next <= up.partCount) {
            await sendPart(next++);
            done++;
            setProgress({ name: file.name, percent: Math.round((done / up.partCount) * 100) });
          }
        }),
      );
      const fin = await fetch(`/api/materials/${up.materialId}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ uploadId: up.uploadId }), signal: ctrl.signal });
      if (!fin.ok) throw new Error(await errorOf(fin));
      started.current = null;
      router.refresh();
    } catch (e) {
      if (!ctrl.signal.aborted) setError(t('uploadFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  }

  async function cancel() {
    abort.current?.abort();
    const up = started.current;
    started.current = null;
    if (up) await fetch(`/api/materials/${up.materialId}`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ uploadId: up.uploadId }) }).catch(() => {});
    router.refresh();
  }

  return (
    <div className="space-y-2">
      {progress ? (
        <div className="flex flex-wrap items-center gap-3" role="status">
          <progress max={100} value={progress.percent} className="h-2 w-48" aria-label={t('uploading', progress)} />
          <span className="text-sm">{t('uploading', progress)}</span>
          <Button variant="secondary" size="sm" onClick={cancel}>
            {t('cancel')}
          </Button>
        </div>
      ) : (
        <div>
          <label htmlFor={inputId} className="inline-flex cursor-pointer items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-within:ring-2 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800">
            {label}
          </label>
          <input
            id={inputId}
            type="file"
            accept={MATERIAL_ACCEPT}
            className="sr-only"
            data-testid={materialId ? 'material-replace-input' : 'material-upload-input'}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void upload(f);
            }}
          />
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
