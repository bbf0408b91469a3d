import { MAX_RATE, MIN_RATE, SEGMENTS_PER_BEAT, SMALL_SEEK_SECONDS, type BeatState } from '@/lib/learning/beat-constants';
import type { Beat, Segment } from '@/lib/learning/beat-protocol';

// Turns media events into the content a viewer really played (docs: ../shared/docs/video.md §4).
// Pure and clock-free: every input carries its own timestamp (ms, from a monotonic clock such as
// performance.now()), so tests are deterministic.
//
// The open segment grows only while the playhead advances at about wall time × rate. A jump that
// is faster (a frozen tab catching up, a seek the browser did not announce) closes the segment at
// the last believable point and starts a new one after the jump: no coverage is ever invented.

/** Allowed excess of the playhead over wall time × rate: timer granularity and clock drift. */
const SLACK_SECONDS = 0.5;
const DRIFT = 0.01;
/** A timeupdate this far past the stall position means the stall is over even without `playing`. */
const PROGRESS_EPSILON = 0.01;

type OpenSegment = {
  /** Where the segment began (content seconds) and the wall time it began. */
  from: number;
  wall0: number;
  /** The last believable playhead position. */
  to: number;
  /** Seconds skipped by small forward seeks: part of the segment without wall time behind it. */
  credit: number;
  /** Up to where the segment has already been sent in a beat. */
  emitted: number;
};

export type TrackerError = NonNullable<Beat['error']>;
export type Rendition = NonNullable<Beat['rendition']>;

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const clampRate = (r: number) => Math.min(MAX_RATE, Math.max(MIN_RATE, Number.isFinite(r) ? r : 1));

export class WatchTracker {
  private seq = 0;
  private rate: number;
  private playing = false;
  private seg: OpenSegment | null = null;
  private closed: Segment[] = [];
  private seeks: [number, number][] = [];
  /** Set from a seek until playback progresses again: further seeks extend it (a scrub). */
  private seekSeries: { origin: OpenSegment | null; large: boolean } | null = null;
  /** Where the playhead stood when `waiting` fired; null when not waiting. */
  private waitPos: number | null = null;
  private stallStart: number | null = null;
  private stalls = { count: 0, ms: 0 };
  private intentAt: number | null = null;
  private firstFrame = false;
  private startupMs: number | null = null;
  private error: TrackerError | null = null;
  private rendition: Rendition | null = null;

  constructor(opts: { rate?: number } = {}) {
    this.rate = clampRate(opts.rate ?? 1);
  }

  /** True once the playhead has advanced after a play intent (errors after it are not startup failures). */
  get hasFirstFrame(): boolean {
    return this.firstFrame;
  }

  /** The user (or autoplay) asked to play: starts the startup clock, once per view. */
  onPlayIntent(now: number): void {
    if (!this.firstFrame && this.intentAt === null) this.intentAt = now;
  }

  /** The media element plays (after play, a stall or a seek wait). */
  onPlaying(pos: number, now: number): void {
    this.endStall(now);
    this.waitPos = null;
    this.playing = true;
    if (this.seg) this.advance(pos, now);
    else this.open(pos, now);
  }

  onTimeUpdate(pos: number, now: number): void {
    if (!this.playing && this.waitPos !== null && pos > this.waitPos + PROGRESS_EPSILON) {
      // Some engines resume after `waiting` without a `playing` event; the wait ends here.
      this.onPlaying(pos, now);
      return;
    }
    if (this.playing) this.advance(pos, now);
  }

  onPause(pos: number, now: number): void {
    this.stop(pos, now);
  }

  onEnded(pos: number, now: number): void {
    this.stop(pos, now);
  }

  /**
   * The playhead was moved from `from` to `to`. Forward moves shorter than SMALL_SEEK_SECONDS keep
   * the segment going; others close it. Seeks in a row without playback between them are one seek.
   */
  onSeeking(from: number, to: number, now: number): void {
    if (this.playing && this.seg && !this.seekSeries) this.advance(from, now);
    if (!this.seekSeries) {
      this.seekSeries = { origin: this.seg ? { ...this.seg } : null, large: false };
      this.seeks.push([round3(Math.max(0, from)), round3(Math.max(0, to))]);
    } else {
      const last = this.seeks[this.seeks.length - 1];
      if (last) last[1] = round3(Math.max(0, to));
      else this.seeks.push([round3(Math.max(0, from)), round3(Math.max(0, to))]);
    }
    const origin = this.seekSeries.origin;
    const jump = origin ? to - origin.to : Infinity;
    if (origin && this.seg && !this.seekSeries.large && jump >= 0 && jump < SMALL_SEEK_SECONDS) {
      this.seg.to = to;
      this.seg.credit = origin.credit + jump;
      return;
    }
    if (origin && !this.seekSeries.large && this.seg) {
      // Undo any small-seek credit this series gave, then close the segment where it really was.
      this.seg.to = origin.to;
      this.seg.credit = origin.credit;
      this.close();
    }
    this.seekSeries.large = true;
    this.seg = null;
    if (this.waitPos !== null) this.waitPos = to;
    if (this.playing) this.open(to, now);
  }

  /** The playhead cannot advance for lack of data. Waits at startup or after a seek are not stalls. */
  onWaiting(pos: number, now: number): void {
    if (!this.playing) return;
    this.advance(pos, now);
    this.close();
    this.playing = false;
    this.waitPos = pos;
    if (this.firstFrame && !this.seekSeries && this.stallStart === null) {
      this.stallStart = now;
      this.stalls.count += 1;
    }
  }

  onRateChange(rate: number, pos: number, now: number): void {
    if (this.playing) {
      this.advance(pos, now);
      this.close();
      this.rate = clampRate(rate);
      this.open(pos, now);
    } else {
      this.rate = clampRate(rate);
    }
  }

  onError(code: string, fatal: boolean, now: number): void {
    const error = { code: code.slice(0, 80), fatal, beforeFirstFrame: !this.firstFrame };
    // Keep the first error of a beat unless a fatal one follows a non-fatal one.
    if (!this.error || (fatal && !this.error.fatal)) this.error = error;
    if (fatal) {
      this.close();
      this.playing = false;
      this.waitPos = null;
      this.endStall(now);
    }
  }

  /** The rendition now on screen (an hls level, or the video's height for native playback). */
  setRendition(r: Rendition | null): void {
    this.rendition = r ? { height: Math.max(0, Math.round(r.height)), bitrate: Math.max(0, Math.round(r.bitrate)) } : null;
  }

  /** True when closed segments or seeks did not fit in the last beat: take another one. */
  hasMore(): boolean {
    return this.closed.length > 0 || this.seeks.length > 0;
  }

  /**
   * The beat for everything since the previous one: segments closed so far plus the open segment
   * up to now (the open segment continues into the next beat), stalls, seeks, startup and error.
   * `at` is the wall clock for the server (Date.now()) when `now` comes from a monotonic clock.
   */
  takeBeat(state: BeatState, pos: number, rate: number, now: number, at = now): Beat {
    if (this.playing) this.advance(pos, now);
    if (this.stallStart !== null) {
      this.stalls.ms += Math.max(0, now - this.stallStart);
      this.stallStart = now;
    }
    const segments = this.closed.splice(0, SEGMENTS_PER_BEAT);
    if (segments.length < SEGMENTS_PER_BEAT && this.seg && this.seg.to > this.seg.emitted) {
      const part = this.segment(this.seg.emitted, this.seg.to);
      this.seg.emitted = this.seg.to;
      if (part) segments.push(part);
    }
    const beat: Beat = {
      seq: this.seq++,
      at: Math.max(0, Math.round(at)),
      state,
      pos: round3(Math.max(0, Number.isFinite(pos) ? pos : 0)),
      rate: clampRate(rate),
      segments,
    };
    if (this.startupMs !== null) {
      beat.startupMs = this.startupMs;
      this.startupMs = null;
    }
    if (this.stalls.count > 0 || this.stalls.ms > 0) {
      beat.stalls = { count: this.stalls.count, ms: Math.round(this.stalls.ms) };
      this.stalls = { count: 0, ms: 0 };
    }
    const seeks = this.seeks.splice(0, SEGMENTS_PER_BEAT);
    if (seeks.length) beat.seeks = seeks;
    if (this.rendition) beat.rendition = { ...this.rendition };
    if (this.error) {
      beat.error = this.error;
      this.error = null;
    }
    return beat;
  }

  // ── internals ──

  private open(pos: number, now: number): void {
    const p = Math.max(0, pos);
    this.seg = { from: p, wall0: now, to: p, credit: 0, emitted: p };
  }

  private close(): void {
    if (!this.seg) return;
    const part = this.segment(this.seg.emitted, this.seg.to);
    if (part) this.closed.push(part);
    this.seg = null;
  }

  private segment(from: number, to: number): Segment | null {
    const a = round3(Math.max(0, from));
    const b = round3(Math.max(0, to));
    return b > a ? [a, b, this.rate] : null;
  }

  private stop(pos: number, now: number): void {
    if (this.playing) this.advance(pos, now);
    this.close();
    this.playing = false;
    this.waitPos = null;
    this.endStall(now);
  }

  private endStall(now: number): void {
    if (this.stallStart === null) return;
    this.stalls.ms += Math.max(0, now - this.stallStart);
    this.stallStart = null;
  }

  /** Moves the open segment's end to `pos` if the playhead could have got there by playing. */
  private advance(pos: number, now: number): void {
    if (!Number.isFinite(pos)) return;
    const seg = this.seg;
    if (!seg) {
      this.open(pos, now);
      return;
    }
    if (pos === seg.to) return;
    if (pos < seg.to) {
      // Backwards without a seek event (a loop, a gap jump): a new segment from here.
      this.close();
      this.open(pos, now);
      return;
    }
    const maxTo = seg.from + seg.credit + (Math.max(0, now - seg.wall0) / 1000) * this.rate * (1 + DRIFT) + SLACK_SECONDS;
    if (pos > maxTo) {
      this.close();
      this.open(pos, now);
      return;
    }
    seg.to = pos;
    this.seekSeries = null;
    if (!this.firstFrame) {
      this.firstFrame = true;
      if (this.intentAt !== null) this.startupMs = Math.min(600_000, Math.max(0, Math.round(now - this.intentAt)));
    }
  }
}
