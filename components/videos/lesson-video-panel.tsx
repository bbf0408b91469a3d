'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useMemo, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Field, Select } from '@/components/ui/field';
import type { VideoSummary } from '@/lib/videos/dto';
import { attachVideoAction } from '@/lib/videos/actions';
import { useVideoPolling } from './use-video-polling';
import { VideoCard } from './video-card';
import { LazyVideoUploader as VideoUploader } from './lazy-video-uploader';

type Props = {
  courseId: string;
  lessonId: string;
  current: VideoSummary | null;
  pending: VideoSummary[];
  library: { id: string; filename: string }[];
  maxBytes: number;
};

/** The video part of a video lesson's editor: current video, uploads in progress, the uploader, the library picker. */
export function LessonVideoPanel({ courseId, lessonId, current, pending, library, maxBytes }: Props) {
  const t = useTranslations('videos');
  const router = useRouter();
  const id = useId();
  const [busy, start] = useTransition();
  const initial = useMemo(() => [...(current ? [current] : []), ...pending], [current, pending]);
  const all = useVideoPolling(courseId, initial);
  const live = all.find((v) => v.id === current?.id) ?? null;
  const waiting = all.filter((v) => v.id !== current?.id);
  const [choice, setChoice] = useState(current?.id ?? '');

  const attach = () =>
    start(async () => {
      const r = await attachVideoAction({ lessonId, videoId: choice || null });
      if (r.ok) {
        toast.success(t('videoSet'));
        router.refresh();
      } else toast.error(r.error.fieldErrors?.videoId ? t(r.error.fieldErrors.videoId[0]!.replace('videos.', '') as never) : r.error.message);
    });

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-4">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {t('sectionTitle')}
      </h2>
      {live ? (
        <div className="space-y-2">
          <h3 className="text-sm font-medium text-slate-600 dark:text-slate-300">{t('current')}</h3>
          <VideoCard video={live} />
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('none')}</p>
      )}
      {waiting.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-sm font-medium text-slate-600 dark:text-slate-300">{t('pending')}</h3>
          {waiting.map((v) => (
            <VideoCard key={v.id} video={v} />
          ))}
        </div>
      )}
      <div className="space-y-2">
        <h3 className="text-sm font-medium">{t('uploadNew')}</h3>
        {live && <p className="text-sm text-slate-600 dark:text-slate-300">{t('replaceHint')}</p>}
        <VideoUploader courseId={courseId} lessonId={lessonId} maxBytes={maxBytes} onUploaded={() => router.refresh()} />
      </div>
      {library.length > 0 && (
        <div className="flex flex-wrap items-end gap-3">
          <Field id={`${id}-lib`} label={t('chooseFromLibrary')}>
            <Select id={`${id}-lib`} value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{t('noVideoOption')}</option>
              {library.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.filename}
                </option>
              ))}
            </Select>
          </Field>
          <Button variant="secondary" onClick={attach} disabled={busy || choice === (current?.id ?? '')}>
            {t('useVideo')}
          </Button>
        </div>
      )}
    </section>
  );
}
