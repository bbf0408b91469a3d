'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import type { VideoSummary } from '@/lib/videos/dto';
import { useVideoPolling } from './use-video-polling';
import { VideoCard } from './video-card';
import { LazyVideoUploader as VideoUploader } from './lazy-video-uploader';

/** A course's media library: upload several videos at once, see each one's processing, preview, captions. */
export function MediaLibrary({ courseId, videos, maxBytes }: { courseId: string; videos: VideoSummary[]; maxBytes: number }) {
  const t = useTranslations('videos');
  const router = useRouter();
  const live = useVideoPolling(courseId, videos);
  return (
    <div className="space-y-6">
      <VideoUploader courseId={courseId} maxBytes={maxBytes} multiple onUploaded={() => router.refresh()} />
      {live.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('libraryEmpty')}</p>
      ) : (
        <ul className="space-y-4" aria-label={t('libraryTitle')}>
          {live.map((v) => (
            <li key={v.id}>
              <VideoCard video={v} />
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                {t('colUsedBy')}: {v.usedBy.length ? v.usedBy.map((l) => l.title).join(', ') : t('unused')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
