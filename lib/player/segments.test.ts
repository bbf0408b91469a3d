import { describe, expect, it } from 'vitest';
import { SEGMENTS_PER_BEAT } from '@/lib/learning/beat-protocol';
import { WatchTracker } from './segments';

const T0 = 1_700_000_000_000;

/** A simulated <video>: drives the tracker the way the browser's events would. */
function sim(rate = 1) {
  const tr = new WatchTracker({ rate });
  const s = {
    tr,
    pos: 0,
    now: T0,
    rate,
    /** Play for `sec` wall seconds, timeupdate every 250 ms. */
    run(sec: number) {
      for (let i = 0; i < sec * 4; i++) {
        s.now += 250;
        s.pos += 0.25 * s.rate;
        tr.onTimeUpdate(s.pos, s.now);
      }
    },
    wait(sec: number) {
      s.now += sec * 1000;
    },
    start() {
      tr.onPlayIntent(s.now);
      s.now += 200;
      tr.onPlaying(s.pos, s.now);
    },
    pause() {
      tr.onPause(s.pos, s.now);
    },
    seek(to: number) {
      tr.onSeeking(s.pos, to, s.now);
      s.pos = to;
      tr.onTimeUpdate(s.pos, s.now);
    },
    beat(state: 'playing' | 'paused' | 'buffering' | 'ended' | 'hidden' = 'playing') {
      return tr.takeBeat(state, s.pos, s.rate, s.now);
    },
  };
  return s;
}

describe('WatchTracker', () => {
  it('normal play: one segment growing with the playhead, continued across beats', () => {
    const s = sim();
    s.start();
    s.run(10);
    const b1 = s.beat();
    expect(b1.seq).toBe(0);
    expect(b1.segments).toEqual([[0, 10, 1]]);
    expect(b1.pos).toBe(10);
    expect(b1.at).toBe(s.now);
    expect(b1.startupMs).toBe(450); // intent → first progressing frame (200 ms + one 250 ms tick)
    s.run(10);
    const b2 = s.beat();
    expect(b2.seq).toBe(1);
    expect(b2.segments).toEqual([[10, 20, 1]]);
    expect(b2.startupMs).toBeUndefined();
    expect(b2.stalls).toBeUndefined();
    expect(b2.seeks).toBeUndefined();
  });

  it('pause and resume: two segments, nothing while paused, startup only once', () => {
    const s = sim();
    s.start();
    s.run(5);
    s.pause();
    s.wait(30);
    s.tr.onTimeUpdate(s.pos, s.now); // timeupdates while paused add nothing
    const b1 = s.beat('paused');
    expect(b1.segments).toEqual([[0, 5, 1]]);
    s.start();
    s.run(5);
    const b2 = s.beat();
    expect(b2.segments).toEqual([[5, 10, 1]]);
    expect(b2.startupMs).toBeUndefined();
  });

  it('seek back: the rewatched part is a second segment and the seek is recorded', () => {
    const s = sim();
    s.start();
    s.run(20);
    s.seek(5);
    s.run(10);
    const b = s.beat();
    expect(b.segments).toEqual([
      [0, 20, 1],
      [5, 15, 1],
    ]);
    expect(b.seeks).toEqual([[20, 5]]);
  });

  it('seek forward beyond SMALL_SEEK_SECONDS leaves a gap', () => {
    const s = sim();
    s.start();
    s.run(10);
    s.seek(40);
    s.run(5);
    expect(s.beat().segments).toEqual([
      [0, 10, 1],
      [40, 45, 1],
    ]);
  });

  it('a small forward seek is ignored: the segment continues', () => {
    const s = sim();
    s.start();
    s.run(10);
    s.seek(12);
    s.run(5);
    const b = s.beat();
    expect(b.segments).toEqual([[0, 17, 1]]);
    expect(b.seeks).toEqual([[10, 12]]);
  });

  it('a scrub (seeks in a row) is one seek and its small first steps give no credit', () => {
    const s = sim();
    s.start();
    s.run(10);
    s.seek(11);
    s.seek(12);
    s.seek(30);
    s.run(2);
    const b = s.beat();
    expect(b.seeks).toEqual([[10, 30]]);
    expect(b.segments).toEqual([
      [0, 10, 1],
      [30, 32, 1],
    ]);
  });

  it('rate 2×: segments carry the rate and the content advances twice as fast as the wall', () => {
    const s = sim();
    s.start();
    s.run(4);
    s.tr.onRateChange(2, s.pos, s.now);
    s.rate = 2;
    const wall = s.now;
    s.run(5);
    expect(s.now - wall).toBe(5000);
    const b = s.beat();
    expect(b.segments).toEqual([
      [0, 4, 1],
      [4, 14, 2],
    ]);
    expect(b.rate).toBe(2);
  });

  it('a stall is counted with its duration, and the playhead did not move during it', () => {
    const s = sim();
    s.start();
    s.run(5);
    s.tr.onWaiting(s.pos, s.now);
    s.wait(3);
    s.tr.onTimeUpdate(s.pos, s.now);
    const mid = s.beat('buffering');
    expect(mid.segments).toEqual([[0, 5, 1]]);
    expect(mid.stalls).toEqual({ count: 1, ms: 3000 });
    s.wait(1);
    s.tr.onPlaying(s.pos, s.now);
    s.run(5);
    const b = s.beat();
    expect(b.segments).toEqual([[5, 10, 1]]);
    expect(b.stalls).toEqual({ count: 0, ms: 1000 }); // the rest of the same stall
  });

  it('waiting at startup or after a seek is not a stall', () => {
    const s = sim();
    s.tr.onPlayIntent(s.now);
    s.tr.onPlaying(0, s.now);
    s.tr.onWaiting(0, s.now);
    s.wait(2);
    s.tr.onPlaying(0, s.now);
    s.run(3);
    s.seek(60);
    s.tr.onWaiting(60, s.now);
    s.wait(1);
    s.tr.onPlaying(60, s.now);
    s.run(1);
    const b = s.beat();
    expect(b.stalls).toBeUndefined();
    expect(b.startupMs).toBe(2250);
    expect(b.segments).toEqual([
      [0, 3, 1],
      [60, 61, 1],
    ]);
  });

  it('resumes after waiting even when the engine sends no `playing`', () => {
    const s = sim();
    s.start();
    s.run(2);
    s.tr.onWaiting(s.pos, s.now);
    s.wait(1);
    s.run(2);
    const b = s.beat();
    expect(b.stalls).toEqual({ count: 1, ms: 1250 });
    expect(b.segments[0]).toEqual([0, 2, 1]);
    expect(b.segments[1]![0]).toBeCloseTo(2.25);
    expect(b.segments[1]![1]).toBe(4);
  });

  it('a timeupdate jump faster than wall × rate (a stale tab) adds no coverage', () => {
    const s = sim();
    s.start();
    s.run(5);
    s.now += 1000;
    s.pos += 30; // 30 s of content in 1 s of wall time
    s.tr.onTimeUpdate(s.pos, s.now);
    s.run(2);
    const b = s.beat();
    expect(b.segments).toEqual([
      [0, 5, 1],
      [35, 37, 1],
    ]);
    const played = b.segments.reduce((n, [a, z]) => n + (z - a), 0);
    expect(played).toBeLessThanOrEqual(8);
  });

  it('ended and rate change close the segment; a fatal error is reported with beforeFirstFrame', () => {
    const s = sim();
    s.tr.onPlayIntent(s.now);
    s.tr.onError('manifestLoadError', true, s.now);
    const e = s.beat();
    expect(e.error).toEqual({ code: 'manifestLoadError', fatal: true, beforeFirstFrame: true });
    s.start();
    s.run(3);
    s.tr.onEnded(s.pos, s.now);
    s.run(0);
    const b = s.beat('ended');
    expect(b.segments).toEqual([[0, 3, 1]]);
    expect(b.error).toBeUndefined();
    s.tr.onError('MEDIA_ERR_DECODE', true, s.now);
    expect(s.beat().error?.beforeFirstFrame).toBe(false);
  });

  it('never puts more than SEGMENTS_PER_BEAT segments in one beat and says there is more', () => {
    const s = sim();
    s.start();
    for (let i = 0; i < SEGMENTS_PER_BEAT + 5; i++) {
      s.run(1);
      s.seek(s.pos + 10);
    }
    const b1 = s.beat();
    expect(b1.segments).toHaveLength(SEGMENTS_PER_BEAT);
    expect(s.tr.hasMore()).toBe(true);
    const b2 = s.beat();
    expect(b2.segments).toHaveLength(5);
    expect(b2.seq).toBe(b1.seq + 1);
    expect(s.tr.hasMore()).toBe(false);
  });

  it('reports the rendition with each beat once known', () => {
    const s = sim();
    s.tr.setRendition({ height: 720, bitrate: 2_500_000 });
    expect(s.beat().rendition).toEqual({ height: 720, bitrate: 2_500_000 });
  });
});
