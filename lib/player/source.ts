import type Hls from 'hls.js';
import type { ErrorData } from 'hls.js';

// Attaches a playback source to a <video>: hls.js (loaded on demand) where Media Source Extensions
// exist, the browser's own HLS (Safari on older iOS) otherwise, or a progressive MP4. The player
// calls it on the viewer's first intent to play, so a page view that never plays loads no hls.js.

export type QualityLevel = { index: number; height: number; bitrate: number };

export type SourceEvents = {
  /** The ladder, once known (hls.js only). */
  onLevels?: (levels: QualityLevel[]) => void;
  /** The rendition now playing (hls.js), for the quality menu and beats. */
  onLevelSwitched?: (level: QualityLevel | null) => void;
  /** A playlist or segment answered 403: its token or signature expired. Re-fetch playback. */
  onExpired?: () => void;
  /** An error hls.js could not recover from. */
  onFatal?: (code: string, kind: 'network' | 'media' | 'other') => void;
};

export type SourceHandle = {
  kind: 'hls' | 'native' | 'progressive';
  /** -1 for automatic selection. */
  setLevel(index: number): void;
  destroy(): void;
};

export type SourceUrls = { hlsUrl: string | null; progressiveUrl: string | null };

const HLS_MIME = 'application/vnd.apple.mpegurl';

/** Where playback should start, read when the media needs it (the viewer may seek while hls.js loads). */
export type StartAt = () => number | null;

/** Media Source Extensions (or Safari's ManagedMediaSource): without them hls.js cannot play, so it is not loaded. */
const hasMse = () => typeof window !== 'undefined' && ('MediaSource' in window || 'ManagedMediaSource' in window);

/** Starts loading `urls` into `video` at `startAt()` seconds. Returns null when nothing can play. */
export async function attachSource(video: HTMLVideoElement, urls: SourceUrls, startAt: StartAt, events: SourceEvents = {}): Promise<SourceHandle | null> {
  if (urls.hlsUrl) {
    if (hasMse()) {
      const { default: HlsClass } = await import('hls.js/light');
      if (HlsClass.isSupported()) return attachHls(HlsClass, video, urls.hlsUrl, startAt, events);
    }
    if (video.canPlayType(HLS_MIME)) return attachNative(video, urls.hlsUrl, startAt, 'native');
  }
  if (urls.progressiveUrl) return attachNative(video, urls.progressiveUrl, startAt, 'progressive');
  return null;
}

function attachNative(video: HTMLVideoElement, url: string, startAt: StartAt, kind: 'native' | 'progressive'): SourceHandle {
  const seek = () => {
    const at = startAt();
    if (at && at > 0) video.currentTime = at;
  };
  video.addEventListener('loadedmetadata', seek, { once: true });
  video.src = url;
  return {
    kind,
    setLevel() {},
    destroy() {
      video.removeEventListener('loadedmetadata', seek);
      video.removeAttribute('src');
      video.load();
    },
  };
}

function attachHls(HlsClass: typeof Hls, video: HTMLVideoElement, url: string, startAt: StartAt, events: SourceEvents): SourceHandle {
  const at = startAt();
  const hls = new HlsClass({ enableWorker: true, startPosition: at && at > 0 ? at : -1, capLevelToPlayerSize: true });
  const E = HlsClass.Events;
  const level = (i: number): QualityLevel | null => {
    const l = hls.levels[i];
    return l ? { index: i, height: l.height, bitrate: l.bitrate } : null;
  };
  let mediaRecoveries = 0;
  let expiredSent = false;

  hls.on(E.MANIFEST_PARSED, (_e, data) => {
    events.onLevels?.(data.levels.map((l, index) => ({ index, height: l.height, bitrate: l.bitrate })));
  });
  hls.on(E.LEVEL_SWITCHED, (_e, data) => events.onLevelSwitched?.(level(data.level)));
  hls.on(E.ERROR, (_e, data: ErrorData) => {
    if (data.type === HlsClass.ErrorTypes.NETWORK_ERROR && data.response?.code === 403) {
      // hls.js would retry the same expired URL until it gives up; fetch fresh URLs instead.
      if (!expiredSent) {
        expiredSent = true;
        events.onExpired?.();
      }
      return;
    }
    if (!data.fatal) return;
    if (data.type === HlsClass.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
      // The documented recovery: a first decode error often clears after re-attaching buffers; a
      // second one after swapping the audio codec.
      mediaRecoveries += 1;
      if (mediaRecoveries === 2) hls.swapAudioCodec();
      hls.recoverMediaError();
      return;
    }
    const E2 = HlsClass.ErrorTypes;
    events.onFatal?.(data.details, data.type === E2.NETWORK_ERROR ? 'network' : data.type === E2.MEDIA_ERROR ? 'media' : 'other');
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  return {
    kind: 'hls',
    setLevel(i) {
      // currentLevel switches now (flushing the buffer), so the choice is visible at once.
      hls.currentLevel = i;
    },
    destroy() {
      hls.destroy();
    },
  };
}
