'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useRef } from 'react';
import { VideoPlayer } from '@/components/player/video-player';
import type { BeatAck } from '@/lib/learning/beat-protocol';
import { updatePlaybackPrefsAction } from '@/lib/learning/actions';

type Props = { videoId: string; lessonId: string; title: string; completed: boolean; signedIn: boolean; upNext: { title: string; href: string } | null; poster: string | null };

/**
 * The player on a lesson page. When the server reports the lesson complete (from the beats it
 * accepted), the page's server data is refreshed so the outline and the next lesson unlock at once.
 */
export function LessonVideo({ videoId, lessonId, title, completed, signedIn, upNext, poster }: Props) {
  const router = useRouter();
  const done = useRef(completed);
  const onProgress = useCallback(
    (p: BeatAck['progress']) => {
      if (p?.completed && !done.current) {
        done.current = true;
        router.refresh();
      }
    },
    [router],
  );
  const savePrefs = useCallback((p: { rate?: number; captionLang?: string | null }) => {
    void updatePlaybackPrefsAction(p);
  }, []);
  return <VideoPlayer key={videoId} videoId={videoId} lessonId={lessonId} title={title} upNext={upNext} onProgress={onProgress} savePrefs={signedIn ? savePrefs : undefined} poster={poster} />;
}
