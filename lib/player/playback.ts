import type { ViewStart } from '@/lib/learning/beat-protocol';
import type { PlaybackInfo } from '@/lib/videos/dto';

/** The playback endpoint's answer for the learning player. */
export type PlayerPlayback = PlaybackInfo & {
  /** Null when no beats are wanted (an editor's preview without a lesson). */
  view: ViewStart | null;
  prefs: { rate: number; captionLang: string | null };
};

export class PlaybackFetchError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`playback ${status} ${code}`);
  }
}

/** Fetches playback URLs (and the view to report beats for). Throws PlaybackFetchError. */
export async function fetchPlayback(videoId: string, lessonId: string | undefined, signal?: AbortSignal): Promise<PlayerPlayback> {
  const qs = lessonId ? `?lessonId=${encodeURIComponent(lessonId)}` : '';
  let res: Response;
  try {
    res = await fetch(`/api/videos/${encodeURIComponent(videoId)}/playback${qs}`, { cache: 'no-store', signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new PlaybackFetchError(0, 'NETWORK');
  }
  const data = (await res.json().catch(() => null)) as (Partial<PlayerPlayback> & { error?: { code?: string } }) | null;
  if (!res.ok || !data) throw new PlaybackFetchError(res.status, data?.error?.code ?? 'HTTP_' + res.status);
  // Tolerate an older server without `view`/`prefs`: play, send no beats, use defaults.
  return {
    ...(data as PlaybackInfo),
    captions: data.captions ?? [],
    view: data.view ?? null,
    prefs: { rate: data.prefs?.rate ?? 1, captionLang: data.prefs?.captionLang ?? null },
  };
}
