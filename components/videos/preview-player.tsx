'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { PlaybackInfo } from '@/lib/videos/dto';

// The editor's preview player: hls.js (or native HLS in Safari) on the private playback URLs. The
// learning module brings the full custom player; this one proves the processed video plays and seeks.

/** `startAt` (seconds) seeks there once the video's metadata is in, and again whenever it changes. */
export function PreviewPlayer({ videoId, name, startAt }: { videoId: string; name: string; startAt?: number }) {
  const t = useTranslations('videos');
  const ref = useRef<HTMLVideoElement>(null);
  const [info, setInfo] = useState<PlaybackInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(async () => {
    const res = await fetch(`/api/videos/${videoId}/playback`, { cache: 'no-store' });
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new Error(data?.error?.message ?? res.statusText);
    return data as PlaybackInfo;
  }, [videoId]);

  useEffect(() => {
    let destroyed = false;
    let hls: { destroy(): void } | null = null;
    (async () => {
      try {
        const p = await load();
        if (destroyed) return;
        setInfo(p);
        const video = ref.current;
        if (!video) return;
        if (p.hlsUrl) {
          const { default: Hls } = await import('hls.js');
          if (destroyed) return;
          if (Hls.isSupported()) {
            const h = new Hls({ enableWorker: true });
            hls = h;
            h.on(Hls.Events.ERROR, (_e, data) => {
              if (data.fatal) setError(data.details);
            });
            h.loadSource(p.hlsUrl);
            h.attachMedia(video);
          } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
            video.src = p.hlsUrl;
          } else {
            setError('HLS is not supported by this browser');
          }
        } else if (p.progressiveUrl) {
          video.src = p.progressiveUrl;
        } else {
          setError(t('status.processing'));
        }
      } catch (e) {
        if (!destroyed) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      destroyed = true;
      hls?.destroy();
    };
  }, [load, attempt, t]);

  useEffect(() => {
    const video = ref.current;
    if (!video || startAt === undefined || !info) return;
    const go = () => {
      video.currentTime = startAt;
    };
    if (video.readyState >= 1) go();
    else video.addEventListener('loadedmetadata', go, { once: true });
    return () => video.removeEventListener('loadedmetadata', go);
  }, [startAt, info]);

  return (
    <div className="space-y-2">
      <video
        ref={ref}
        controls
        playsInline
        preload="metadata"
        crossOrigin="anonymous"
        poster={info?.posterUrl ?? undefined}
        aria-label={t('playerLabel', { name })}
        data-testid="preview-player"
        className="aspect-video w-full rounded-md bg-black"
        onError={() => setError(ref.current?.error?.message || 'MEDIA_ERR')}
      >
        {info?.captions.map((c, i) => <track key={c.id} kind="captions" srcLang={c.lang} label={c.label} src={c.url} default={i === 0} />)}
      </video>
      {error && (
        <div role="alert" className="flex items-center gap-3 text-sm text-red-700 dark:text-red-300">
          <span>{t('playerError', { reason: error })}</span>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            {t('playerRetry')}
          </Button>
        </div>
      )}
    </div>
  );
}
