'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { VideoSummary } from '@/lib/videos/dto';

const POLL_MS = 2000;
const isBusy = (v: VideoSummary) => v.status === 'queued' || v.status === 'processing' || v.status === 'uploading';

/**
 * Live status of videos being processed: polls their summaries while any is busy, and refreshes the
 * page's server data when one changes what the page shows (becomes playable, ready or failed).
 */
export function useVideoPolling(courseId: string, initial: VideoSummary[]) {
  const router = useRouter();
  const [videos, setVideos] = useState(initial);
  const [prevInitial, setPrevInitial] = useState(initial);
  if (initial !== prevInitial) {
    setPrevInitial(initial);
    setVideos(initial);
  }
  const latest = useRef(videos);
  useEffect(() => {
    latest.current = videos;
  }, [videos]);
  const busyIds = videos.filter(isBusy).map((v) => v.id).join(',');

  useEffect(() => {
    if (!busyIds) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/courses/${courseId}/videos?ids=${busyIds}`, { cache: 'no-store' }).catch(() => null);
      if (!res?.ok || stopped) return;
      const fresh = (await res.json()) as VideoSummary[];
      const old = latest.current;
      const landmark = old.some((v) => {
        const n = fresh.find((f) => f.id === v.id);
        return n && (n.status !== v.status || n.playback !== v.playback);
      });
      setVideos(old.map((v) => fresh.find((f) => f.id === v.id) ?? v));
      if (landmark) router.refresh();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [busyIds, courseId, router]);

  return videos;
}
