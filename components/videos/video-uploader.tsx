'use client';

import AwsS3, { type AwsS3Part } from '@uppy/aws-s3';
import Uppy, { type Body, type Meta, type UppyFile } from '@uppy/core';
import GoldenRetriever from '@uppy/golden-retriever';
import ru_RU from '@uppy/locales/lib/ru_RU';
import Dashboard from '@uppy/react/dashboard';
import { useLocale, useTranslations } from 'next-intl';
import { useTheme } from 'next-themes';
import { useEffect, useRef, useState } from 'react';
import '@uppy/core/css/style.min.css';
import '@uppy/dashboard/css/style.min.css';
import { ApiError, apiJson } from '@/lib/api-client';
import { formatBytes } from '@/lib/format-bytes';
import { partSizeFor } from '@/lib/media/plan';
import { VIDEO_EXTENSIONS } from '@/lib/video-constants';

// Resumable video upload: Uppy's Dashboard with the AwsS3 plugin in multipart mode. Our server
// creates each upload and signs its parts; the bytes go from the browser straight to the object store
// (several parts in flight). Golden Retriever keeps {uploadId, key} across reloads and crashes: the
// author re-selects the same file and only the parts S3 does not have yet are sent.

type File = UppyFile<Meta, Body>;

/** Parts sent at once. Each is 16 MiB or more, so 6 keep a fast link busy without starving the page. */
const PARTS_IN_FLIGHT = 6;
/** No progress for this long while uploading means the store or the app is unreachable. */
const STALL_MS = 12_000;
/** After the plugin's own retries give up (store down, server restarting), try again on this schedule. */
const AUTO_RETRY_MS = [2_000, 5_000, 10_000, 20_000, 30_000];

/** The video id of an upload: the key is courses/{courseId}/videos/{videoId}/source. */
const videoIdFromKey = (key: string) => key.split('/')[3];

/** Some retries: a store or app outage of a few minutes is ridden out without failing the upload. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 15_000, 20_000, ...Array<number>(10).fill(30_000)];

type Props = {
  courseId: string;
  /** Upload for this lesson: the new video replaces the lesson's video once it plays. */
  lessonId?: string;
  maxBytes: number;
  multiple?: boolean;
  /** Called when S3 holds the whole file and the server has queued processing. */
  onUploaded?: (videoId: string) => void;
};

export function VideoUploader({ courseId, lessonId, maxBytes, multiple = false, onUploaded }: Props) {
  const t = useTranslations('videos');
  const locale = useLocale();
  const { resolvedTheme } = useTheme();
  const [errors, setErrors] = useState<Record<string, { name: string; message: string }>>({});
  const [stalled, setStalled] = useState(false);
  const onUploadedRef = useRef(onUploaded);
  useEffect(() => {
    onUploadedRef.current = onUploaded;
  }, [onUploaded]);

  // Created once per mounted uploader; a discarded StrictMode instance has no side effects until a
  // file is added. The id scopes Golden Retriever's saved state to this course and lesson.
  const [uppy] = useState(() => {
    const cancelled = new Set<string>();
    const u = new Uppy({
      id: `video-${courseId}-${lessonId ?? 'library'}`,
      autoProceed: true,
      locale: locale === 'ru' ? ru_RU : undefined,
      restrictions: { maxFileSize: maxBytes, allowedFileTypes: [...VIDEO_EXTENSIONS], maxNumberOfFiles: multiple ? 20 : 1 },
    });
    u.use(AwsS3, {
      shouldUseMultipart: true,
      limit: PARTS_IN_FLIGHT,
      retryDelays: RETRY_DELAYS,
      getChunkSize: (file) => partSizeFor(file.size),
      async createMultipartUpload(file) {
        const r = await apiJson<{ videoId: string; key: string; uploadId: string }>('POST', '/api/uploads', {
          courseId,
          lessonId,
          filename: file.name,
          type: file.type ?? '',
          size: file.size ?? 0,
        });
        u.setFileMeta(file.id, { videoId: r.videoId });
        return { key: r.key, uploadId: r.uploadId };
      },
      async signPart(_file, { key, uploadId, partNumber, signal }) {
        const q = new URLSearchParams({ key, uploadId: uploadId ?? '' });
        return apiJson('GET', `/api/uploads/${videoIdFromKey(key)}/parts/${partNumber}?${q}`, undefined, signal);
      },
      async listParts(_file, { key, uploadId, signal }) {
        const q = new URLSearchParams({ key, uploadId: uploadId ?? '' });
        return apiJson<AwsS3Part[]>('GET', `/api/uploads/${videoIdFromKey(key)}/parts?${q}`, undefined, signal);
      },
      async completeMultipartUpload(_file, { key, uploadId, signal }) {
        // The server completes from S3's own list of parts, so the client's list is not sent.
        const r = await apiJson<{ videoId: string; location: string }>('POST', `/api/uploads/${videoIdFromKey(key)}/complete`, { key, uploadId }, signal);
        return { location: r.location };
      },
      async abortMultipartUpload(file, { key, uploadId, signal }) {
        // Uppy also aborts a fresh upload whose parts failed for good; only an author's cancel or
        // removal really aborts, so a failed upload stays resumable (and its row is reused).
        if (!cancelled.has(file.id)) return;
        await apiJson('DELETE', `/api/uploads/${videoIdFromKey(key)}`, { key, uploadId }, signal);
      },
    });
    u.use(GoldenRetriever, { serviceWorker: false });
    // Registered before the plugin's own handlers (which run the abort), so the abort sees the intent.
    u.on('file-removed', (file) => file && cancelled.add(file.id));
    u.on('cancel-all', () => u.getFiles().forEach((f) => cancelled.add(f.id)));
    return u;
  });

  // Store down, server restarting, connection dropped for longer than the plugin's retries: keep
  // retrying on a back-off schedule (and at once when the browser is back online) until it works or
  // the author cancels. Errors the server answered with a 4xx are final and stay on screen.
  useEffect(() => {
    const attempts = new Map<string, number>();
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const forget = (file: File | undefined) => {
      if (!file) return;
      setErrors(({ [file.id]: _gone, ...rest }) => rest);
    };
    const onError = (file: File | undefined, error: Error & { source?: { status?: number } }) => {
      if (!file) return;
      setErrors((e) => ({ ...e, [file.id]: { name: file.name ?? '', message: error.message } }));
      const status = error instanceof ApiError ? error.status : (error.source?.status ?? 0);
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) return;
      const n = attempts.get(file.id) ?? 0;
      attempts.set(file.id, n + 1);
      clearTimeout(timers.get(file.id));
      timers.set(
        file.id,
        setTimeout(() => {
          if (uppy.getFile(file.id)) uppy.retryUpload(file.id).catch(() => {});
        }, AUTO_RETRY_MS[Math.min(n, AUTO_RETRY_MS.length - 1)]),
      );
    };
    const onSuccess = (file: File | undefined) => {
      if (!file) return;
      forget(file);
      attempts.delete(file.id);
      const videoId = file.meta.videoId as string | undefined;
      if (videoId) onUploadedRef.current?.(videoId);
    };
    const onBackOnline = () => {
      if (uppy.getFiles().some((f) => f.error)) uppy.retryAll().catch(() => {});
    };
    const onRetry = (file: File | undefined) => forget(file);
    uppy.on('upload-error', onError);
    uppy.on('upload-success', onSuccess);
    uppy.on('back-online', onBackOnline);
    uppy.on('file-removed', onRetry);
    uppy.on('upload-retry', onRetry);
    return () => {
      uppy.off('upload-error', onError);
      uppy.off('upload-success', onSuccess);
      uppy.off('back-online', onBackOnline);
      uppy.off('file-removed', onRetry);
      uppy.off('upload-retry', onRetry);
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, [uppy]);

  // While parts are retried silently (store or app unreachable), the progress bar only freezes: after
  // STALL_MS without progress the author is told what is happening; progress clears the message.
  useEffect(() => {
    let lastProgress = Date.now();
    const onProgress = () => {
      lastProgress = Date.now();
      setStalled(false);
    };
    const timer = setInterval(() => {
      const uploading = uppy.getFiles().some((f) => f.progress.uploadStarted && !f.progress.uploadComplete && !f.isPaused && !f.error);
      setStalled(uploading && Date.now() - lastProgress > STALL_MS);
    }, 2000);
    uppy.on('upload-progress', onProgress);
    uppy.on('upload-start', onProgress);
    uppy.on('complete', onProgress);
    return () => {
      clearInterval(timer);
      uppy.off('upload-progress', onProgress);
      uppy.off('upload-start', onProgress);
      uppy.off('complete', onProgress);
    };
  }, [uppy]);

  // Uppy 5 renders a lone file as role="listitem" in a container without role="list" (an upstream
  // accessibility bug); give the container its role whenever the Dashboard re-renders.
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const fix = () => el.querySelectorAll('.uppy-Dashboard-files:not([role])').forEach((n) => n.setAttribute('role', 'list'));
    const observer = new MutationObserver(fix);
    observer.observe(el, { childList: true, subtree: true });
    fix();
    return () => observer.disconnect();
  }, []);

  return (
    <div data-testid="video-uploader" ref={wrapper}>
      <Dashboard
        uppy={uppy}
        height={multiple ? 360 : 300}
        width="100%"
        theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
        proudlyDisplayPoweredByUppy={false}
        hideProgressDetails={false}
        showRemoveButtonAfterComplete
        note={t('uploadNote', { max: formatBytes(maxBytes, locale) })}
      />
      {/* Uppy shows errors behind a tooltip; the server's sentence is spelled out here for everyone. */}
      <ul role="alert" className="mt-2 space-y-1 text-sm text-red-700 empty:hidden dark:text-red-300" data-testid="upload-errors">
        {stalled && <li>{t('storageStalled')}</li>}
        {Object.entries(errors).map(([id, e]) => (
          <li key={id}>{t('uploadFailed', { name: e.name, message: e.message })}</li>
        ))}
      </ul>
    </div>
  );
}
