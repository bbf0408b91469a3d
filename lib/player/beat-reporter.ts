import { BEAT_INTERVAL_MS, type BeatState } from '@/lib/learning/beat-constants';
import type { ViewStart } from '@/lib/learning/beat-protocol';
import type { BeatQueue } from './beat-queue';
import { WatchTracker, type Rendition } from './segments';

// Binds one view (one playback session of one video in one page) to a <video>: feeds its events to
// a WatchTracker and queues a beat every BEAT_INTERVAL_MS while playing, at once (after a short
// pause that folds bursts such as a scrub or key repeats into one) on pause, seek and rate change,
// right away on ended, error, `hidden` and page hide. Browser only.

/** Folds a burst of seeks or rate changes into one beat. */
const SOON_MS = 400;
/** A programmatic seek (resume, restore after retry) lands within this of its target. */
const EXPECTED_SEEK_TOLERANCE = 0.75;
/** Playhead moves smaller than this are the engine's own (timeupdate lags by up to 250 ms). */
const ENGINE_NUDGE_SECONDS = 0.5;

/** Durations come from a monotonic clock; a beat's `at` is the epoch clock the server compares with its own. */
const clock = () => performance.now();

export class BeatReporter {
  private tracker: WatchTracker;
  private lastPos: number;
  private interval: ReturnType<typeof setInterval> | null = null;
  private soon: ReturnType<typeof setTimeout> | null = null;
  private expectSeek: number | null = null;
  private waiting = false;
  private rate: number;
  private detached = false;
  /** Nothing is sent for a view the viewer never used (opened the page, never pressed play). */
  private active = false;
  private off: (() => void)[] = [];

  constructor(
    private video: HTMLVideoElement,
    readonly view: Pick<ViewStart, 'viewId' | 'ticket'>,
    private queue: BeatQueue,
  ) {
    this.rate = video.playbackRate;
    this.tracker = new WatchTracker({ rate: video.playbackRate });
    this.lastPos = video.currentTime;
    // The viewer may press play before the view exists (the player attaches the source on the first
    // intent to play); that intent counts as this view's.
    if (!video.paused) {
      this.active = true;
      this.tracker.onPlayIntent(clock());
    }
    this.attach();
  }

  get hasFirstFrame(): boolean {
    return this.tracker.hasFirstFrame;
  }

  /** The next seek to about `to` is the player's own (resume, restore), not the viewer's. */
  expectSeekTo(to: number): void {
    this.expectSeek = to;
  }

  /** Where the playhead is before a seek the player is about to make (timeupdate lags by up to 250 ms). */
  noteSeekFrom(pos: number): void {
    if (!this.video.seeking) this.lastPos = pos;
  }

  setRendition(r: Rendition | null): void {
    this.tracker.setRendition(r);
  }

  /** Reports an error; a fatal one is sent at once. */
  reportError(code: string, fatal: boolean): void {
    this.tracker.onError(code, fatal, clock());
    this.active = true;
    if (fatal) this.beat('error');
  }

  /** Sends what is left (the view ends: unmount, another source, another view). */
  detach(): void {
    if (this.detached) return;
    this.beat(this.video.ended ? 'ended' : 'paused');
    this.detached = true;
    for (const f of this.off) f();
    this.off = [];
    this.stopInterval();
    if (this.soon) clearTimeout(this.soon);
  }

  private attach(): void {
    const v = this.video;
    const on = <K extends keyof HTMLMediaElementEventMap>(type: K, fn: () => void) => {
      v.addEventListener(type, fn);
      this.off.push(() => v.removeEventListener(type, fn));
    };
    on('play', () => {
      this.active = true;
      this.tracker.onPlayIntent(clock());
    });
    on('playing', () => {
      this.waiting = false;
      this.tracker.onPlaying(v.currentTime, clock());
      this.startInterval();
    });
    on('timeupdate', () => {
      if (v.seeking || v.readyState === 0) return;
      this.lastPos = v.currentTime;
      this.tracker.onTimeUpdate(v.currentTime, clock());
    });
    on('pause', () => {
      // `ended` follows with its own beat; a pause at the very end is part of it.
      if (v.ended) return;
      this.tracker.onPause(v.readyState > 0 ? v.currentTime : this.lastPos, clock());
      this.stopInterval();
      this.beatSoon();
    });
    on('seeking', () => {
      const to = v.currentTime;
      if (this.expectSeek !== null && Math.abs(to - this.expectSeek) < EXPECTED_SEEK_TOLERANCE) {
        this.expectSeek = null;
        this.lastPos = to;
        return;
      }
      // Engines nudge the playhead by a hair (hls.js on a quality switch, gap jumping): not a seek.
      if (Math.abs(to - this.lastPos) < ENGINE_NUDGE_SECONDS) return;
      this.active = true;
      this.tracker.onSeeking(this.lastPos, to, clock());
      this.lastPos = to;
      this.beatSoon();
    });
    on('waiting', () => {
      this.waiting = true;
      this.tracker.onWaiting(v.currentTime, clock());
    });
    on('ratechange', () => {
      // Also fired for defaultPlaybackRate and for the player applying the saved speed on load.
      if (v.playbackRate === this.rate) return;
      this.rate = v.playbackRate;
      this.tracker.onRateChange(v.playbackRate, v.currentTime, clock());
      if (this.active) this.beatSoon();
    });
    on('ended', () => {
      this.tracker.onEnded(v.currentTime, clock());
      this.stopInterval();
      this.beat('ended');
    });

    const hidden = () => {
      if (document.visibilityState !== 'hidden' && !this.unloading) {
        this.hiddenSent = false;
        return;
      }
      // Leaving a page fires both pagehide and visibilitychange: one hidden beat is enough.
      if (this.hiddenSent) return;
      this.hiddenSent = true;
      this.beat('hidden', false);
      this.queue.flushWithBeacon();
    };
    const pagehide = () => {
      this.unloading = true;
      hidden();
    };
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', pagehide);
    this.off.push(() => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', pagehide);
    });
  }

  private unloading = false;
  private hiddenSent = false;

  private startInterval(): void {
    if (this.interval) return;
    this.interval = setInterval(() => {
      if (this.video.paused) this.stopInterval();
      else this.beat(this.waiting ? 'buffering' : 'playing');
    }, BEAT_INTERVAL_MS);
  }

  private stopInterval(): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
  }

  private beatSoon(): void {
    if (this.soon) clearTimeout(this.soon);
    this.soon = setTimeout(() => {
      this.soon = null;
      const v = this.video;
      this.beat(v.ended ? 'ended' : v.paused ? 'paused' : this.waiting ? 'buffering' : 'playing');
    }, SOON_MS);
  }

  /** Queues the beat(s) for everything since the last one, then sends (by fetch unless told not to). */
  private beat(state: BeatState, send = true): void {
    if (this.detached || !this.active) return;
    if (this.soon) {
      clearTimeout(this.soon);
      this.soon = null;
    }
    const v = this.video;
    const now = clock();
    // Without a source (torn down for a reload) currentTime reads 0; the last known position is the resume point.
    const pos = v.readyState > 0 ? v.currentTime : this.lastPos;
    do {
      this.queue.enqueue(this.view.viewId, this.view.ticket, this.tracker.takeBeat(state, pos, v.playbackRate, now, Date.now()));
    } while (this.tracker.hasMore());
    if (send) void this.queue.flush();
  }
}
