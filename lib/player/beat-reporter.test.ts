import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Beat } from '@/lib/learning/beat-protocol';
import { BeatReporter } from './beat-reporter';
import type { BeatQueue } from './beat-queue';

// The reporter against a fake <video>, document and window (plain EventTargets) and a fake queue.

class FakeVideo extends EventTarget {
  currentTime = 0;
  playbackRate = 1;
  paused = true;
  ended = false;
  seeking = false;
  readyState = 4;
  fire(type: string) {
    this.dispatchEvent(new Event(type));
  }
}

function setup() {
  const video = new FakeVideo();
  const beats: Beat[] = [];
  const queue = { enqueue: vi.fn((_v: string, _t: string, b: Beat) => beats.push(b)), flush: vi.fn(async () => {}), flushWithBeacon: vi.fn() };
  const reporter = new BeatReporter(video as unknown as HTMLVideoElement, { viewId: 'v1', ticket: 't'.repeat(30) }, queue as unknown as BeatQueue);
  const play = (seconds: number) => {
    for (let i = 0; i < seconds * 4; i++) {
      vi.advanceTimersByTime(250);
      video.currentTime += 0.25 * video.playbackRate;
      video.fire('timeupdate');
    }
  };
  const start = () => {
    video.paused = false;
    video.fire('play');
    video.fire('playing');
  };
  return { video, beats, queue, reporter, play, start };
}

describe('BeatReporter', () => {
  let doc: EventTarget & { visibilityState?: string };
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
    doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('document', doc);
    vi.stubGlobal('window', new EventTarget());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends nothing for a view that was never played', () => {
    const { reporter, beats, video } = setup();
    video.playbackRate = 1.5;
    video.fire('ratechange'); // the saved speed applied on load
    vi.advanceTimersByTime(1000);
    reporter.detach();
    expect(beats).toEqual([]);
  });

  it('beats every 10 s while playing and at once (debounced) on pause', () => {
    const { beats, video, play, start } = setup();
    start();
    play(10);
    expect(beats.map((b) => b.state)).toEqual(['playing']);
    // The interval fires just before the 10 s timeupdate: the beat ends where the playhead was.
    expect(beats[0]!.segments).toEqual([[0, 9.75, 1]]);
    play(2);
    video.paused = true;
    video.fire('pause');
    vi.advanceTimersByTime(500);
    expect(beats.map((b) => [b.seq, b.state])).toEqual([
      [0, 'playing'],
      [1, 'paused'],
    ]);
    expect(beats[1]!.segments).toEqual([[9.75, 12, 1]]);
  });

  it('does not report its own resume seek or engine nudges as seeks', () => {
    const { reporter, beats, video, play, start } = setup();
    reporter.expectSeekTo(30);
    video.currentTime = 30;
    video.fire('seeking');
    start();
    play(2);
    video.currentTime -= 0.0001; // hls.js switching quality
    video.fire('seeking');
    play(1);
    video.paused = true;
    video.fire('pause');
    vi.advanceTimersByTime(500);
    expect(beats.flatMap((b) => b.seeks ?? [])).toEqual([]);
    expect(beats.flatMap((b) => b.segments)[0]![0]).toBe(30);
  });

  it('records a viewer seek from the last known position', () => {
    const { reporter, beats, video, play, start } = setup();
    start();
    play(4);
    reporter.noteSeekFrom(video.currentTime);
    video.currentTime = 20;
    video.fire('seeking');
    vi.advanceTimersByTime(500);
    expect(beats.at(-1)!.seeks).toEqual([[4, 20]]);
  });

  it('sends one hidden beat by beacon when the page goes away', () => {
    const { beats, queue, start, play } = setup();
    start();
    play(3);
    doc.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('pagehide'));
    expect(beats.filter((b) => b.state === 'hidden')).toHaveLength(1);
    expect(queue.flushWithBeacon).toHaveBeenCalledOnce();
  });

  it('uses the last known position once the source is torn down', () => {
    const { reporter, beats, video, start, play } = setup();
    start();
    play(6);
    video.readyState = 0;
    video.currentTime = 0;
    video.fire('timeupdate');
    reporter.detach();
    expect(beats.at(-1)).toMatchObject({ state: 'paused', pos: 6 });
    expect(beats.flatMap((b) => b.segments)).toEqual([[0, 6, 1]]);
  });

  it('sends a fatal error at once', () => {
    const { reporter, beats } = setup();
    reporter.reportError('manifestLoadError', true);
    expect(beats).toHaveLength(1);
    expect(beats[0]).toMatchObject({ state: 'error', error: { code: 'manifestLoadError', fatal: true, beforeFirstFrame: true } });
  });
});
