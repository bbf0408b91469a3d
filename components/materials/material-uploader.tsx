'use client';

import type { AwsS3Part } from '@uppy/aws-s3';
import type { Body, Meta, Uppy } from '@uppy/core';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { apiJson } from '@/lib/api-client';
import { formatBytes } from '@/lib/format-bytes';
import { MATERIAL_ACCEPT, MATERIAL_MAX_BYTES, MATERIAL_PART_SIZE } from '@/lib/materials/constants';

type Props = { courseId: string; lessonId?: string; /** Replace this material's file. */ materialId?: string; label: string };

/** Parts sent at once (8 MiB each). */
const PARTS_IN_FLIGHT = 3;
/** A store or app hiccup is ridden out before the upload is reported failed. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000];

/**
 * Uploads one document straight to the object store with Uppy's S3 multipart plugin, as videos are
 * (components/videos/video-uploader.tsx), without its dashboard: our server creates the upload,
 * picks the key and signs each part; Uppy keeps parts in flight, retries them, and pauses and
 * resumes (listing the parts S3 already has). Uppy loads when a file is chosen, not with the page.
 * The S3 "key" Uppy carries is the material id: our routes are per material.
 */
export function MaterialUploader({ courseId, lessonId, materialId, label }: Props) {
  const t = useTranslations('materials');
  const router = useRouter();
  const inputId = useId();
  // `started`: the server created the upload (pausing before that would abandon the creation and start another).
  const [progress, setProgress] = useState<{ name: string; percent: number; paused: boolean; started: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const uppyRef = useRef<Uppy<Meta, Body> | null>(null);
  useEffect(() => () => uppyRef.current?.destroy(), []);

  async function upload(file: File) {
    setError(null);
    if (file.size > MATERIAL_MAX_BYTES) return setError(t('tooLarge', { name: file.name, max: formatBytes(MATERIAL_MAX_BYTES) }));
    setProgress({ name: file.name, percent: 0, paused: false, started: false });
    const [{ default: UppyCore }, { default: AwsS3 }] = await Promise.all([import('@uppy/core'), import('@uppy/aws-s3')]);
    const uppy = new UppyCore<Meta, Body>({ autoProceed: true, restrictions: { maxNumberOfFiles: 1 } });
    // The previous upload's instance goes; its events (destroying removes its file) are ignored below.
    const previous = uppyRef.current;
    uppyRef.current = uppy;
    previous?.destroy();
    const current = () => uppyRef.current === uppy;
    const cancelled = { current: false };
    uppy.use(AwsS3, {
      shouldUseMultipart: true,
      limit: PARTS_IN_FLIGHT,
      retryDelays: RETRY_DELAYS,
      getChunkSize: () => MATERIAL_PART_SIZE,
      async createMultipartUpload(f) {
        const r = await apiJson<{ materialId: string; uploadId: string }>('POST', '/api/materials', { courseId, lessonId, materialId, filename: f.name, type: f.type ?? '', size: f.size ?? 0 });
        if (current()) setProgress((cur) => cur && { ...cur, started: true });
        return { key: r.materialId, uploadId: r.uploadId };
      },
      signPart: (_f, { key, uploadId, partNumber, signal }) => apiJson('GET', `/api/materials/${key}/parts/${partNumber}?${new URLSearchParams({ uploadId: uploadId ?? '' })}`, undefined, signal),
      listParts: (_f, { key, uploadId, signal }) => apiJson<AwsS3Part[]>('GET', `/api/materials/${key}/parts?${new URLSearchParams({ uploadId: uploadId ?? '' })}`, undefined, signal),
      async completeMultipartUpload(_f, { key, uploadId, signal }) {
        // The server completes from the parts S3 lists, never the client's list.
        await apiJson('POST', `/api/materials/${key}/complete`, { uploadId }, signal);
        return { location: key };
      },
      async abortMultipartUpload(_f, { key, uploadId }) {
        // Uppy also aborts after parts failed for good; only the author's cancel forgets the upload.
        if (!cancelled.current) return;
        await apiJson('DELETE', `/api/materials/${key}`, { uploadId }).catch(() => {});
        router.refresh();
      },
    });
    uppy.on('upload-progress', (f, p) => {
      if (current() && f && p.bytesTotal) setProgress((cur) => cur && { ...cur, percent: Math.round((p.bytesUploaded / p.bytesTotal!) * 100) });
    });
    uppy.on('upload-success', () => {
      if (!current()) return;
      setProgress(null);
      router.refresh();
    });
    uppy.on('upload-error', (_f, e) => {
      if (!current()) return;
      setProgress(null);
      setError(t('uploadFailed', { message: e.message }));
    });
    uppy.on('file-removed', () => {
      if (!current()) return;
      cancelled.current = true;
      setProgress(null);
    });
    try {
      uppy.addFile({ name: file.name, type: file.type, data: file, source: 'local' });
    } catch (e) {
      setProgress(null);
      setError(t('uploadFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  }

  const fileId = () => uppyRef.current?.getFiles()[0]?.id;
  const pauseResume = () => {
    const id = fileId();
    if (!id) return;
    const paused = uppyRef.current!.pauseResume(id);
    setProgress((cur) => cur && { ...cur, paused: Boolean(paused) });
  };
  const cancel = () => {
    const id = fileId();
    if (id) uppyRef.current!.removeFile(id);
    else setProgress(null);
  };

  return (
    <div className="space-y-2">
      {progress ? (
        <div className="flex flex-wrap items-center gap-3" role="status">
          <progress max={100} value={progress.percent} className="h-2 w-48" aria-label={t('uploading', { name: progress.name, percent: progress.percent })} />
          <span className="text-sm">{t(progress.paused ? 'paused' : 'uploading', { name: progress.name, percent: progress.percent })}</span>
          <Button variant="secondary" size="sm" onClick={pauseResume} aria-pressed={progress.paused} disabled={!progress.started}>
            {progress.paused ? t('resume') : t('pause')}
          </Button>
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
