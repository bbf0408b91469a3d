'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/courses/confirm-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatBytes } from '@/lib/format-bytes';
import type { VideoSummary } from '@/lib/videos/dto';
import { deleteVideoAction, retryVideoAction } from '@/lib/videos/actions';
import { CaptionsManager } from './captions-manager';
import { PreviewPlayer } from './preview-player';

const tone = { uploading: 'info', queued: 'neutral', processing: 'info', ready: 'success', failed: 'danger' } as const;

export function formatDuration(seconds: number | null) {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Status line of a video: badge, stage and progress bar while it processes, the reason when it failed. */
export function VideoStatus({ video }: { video: VideoSummary }) {
  const t = useTranslations('videos');
  const busy = video.status === 'processing' || video.status === 'queued';
  return (
    <div className="space-y-1" data-testid="video-status" data-status={video.status}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={tone[video.status]}>{t(`status.${video.status}`)}</Badge>
        {video.status === 'processing' && video.stage && <span>{t(`stage.${video.stage}`)}</span>}
        {busy && <span className="text-slate-600 dark:text-slate-300">{t('progress', { percent: video.progress })}</span>}
      </div>
      {busy && (
        <progress className="h-2 w-full" max={100} value={video.progress} aria-label={t('progress', { percent: video.progress })}>
          {video.progress}%
        </progress>
      )}
      {busy && video.playback !== 'none' && <p className="text-sm text-slate-600 dark:text-slate-300">{t('playableWhileProcessing')}</p>}
      {video.errorMessage && (video.status === 'failed' || video.status === 'queued') && (
        <p className="text-sm text-red-700 dark:text-red-300">{t('failedReason', { reason: video.errorMessage })}</p>
      )}
      {video.processingNote === 'ffmpeg_missing' && <p className="text-sm text-amber-800 dark:text-amber-200">{t('noHls', { reason: t('ffmpegMissing') })}</p>}
    </div>
  );
}

export function VideoCard({ video, title }: { video: VideoSummary; title?: string }) {
  const t = useTranslations('videos');
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [showPreview, setShowPreview] = useState(false);
  const resolution = video.width && video.height ? `${video.width}×${video.height}` : '–';

  const run = (action: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string) =>
    start(async () => {
      const r = await action();
      if (r.ok) {
        toast.success(done);
        router.refresh();
      } else toast.error(r.error?.message ?? '');
    });
  const retry = () => run(() => retryVideoAction({ videoId: video.id }), t('retried'));
  const remove = () => run(() => deleteVideoAction({ videoId: video.id }), t('deleted'));

  return (
    <section aria-label={title ?? video.filename} className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700" data-testid="video-card" data-video-id={video.id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-medium break-all">{video.filename}</p>
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('details', { duration: formatDuration(video.durationSeconds), resolution, size: formatBytes(video.size, locale) })}</p>
          {video.renditions.length > 0 && video.status === 'ready' && <p className="text-sm text-slate-600 dark:text-slate-300">{t('qualities', { list: video.renditions.map((h) => `${h}p`).join(', ') })}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          {video.playback !== 'none' && (
            <Button size="sm" variant="secondary" aria-expanded={showPreview} onClick={() => setShowPreview((v) => !v)}>
              {showPreview ? t('hidePreview') : t('preview')}
            </Button>
          )}
          {video.status === 'failed' && (
            <Button size="sm" onClick={retry} disabled={pending}>
              {pending ? t('retrying') : t('retry')}
            </Button>
          )}
          <ConfirmDialog
            trigger={t('delete')}
            triggerProps={{ size: 'sm', variant: 'ghost', disabled: pending }}
            title={t('delete')}
            confirmLabel={t('delete')}
            confirmVariant="danger"
            onConfirm={remove}
          >
            <p>{t('deleteConfirm', { name: video.filename })}</p>
          </ConfirmDialog>
        </div>
      </div>
      <VideoStatus video={video} />
      {showPreview && <PreviewPlayer videoId={video.id} name={video.filename} />}
      {video.status !== 'uploading' && <CaptionsManager video={video} />}
    </section>
  );
}
