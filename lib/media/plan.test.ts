import { describe, expect, it } from 'vitest';
import { canCopyRemux, canCopyVideo, ladderFor, LADDER, partSizeFor, storyboardInterval } from './plan';

const MiB = 1024 * 1024;
const h264 = { videoCodec: 'h264', pixFmt: 'yuv420p', rotation: 0 as const, hasAudio: true, audioCodec: 'aac' };

describe('ladderFor', () => {
  it('keeps the ladder’s order and bit rates', () => {
    expect(LADDER.map((r) => r.height)).toEqual([1080, 720, 480, 360]);
  });

  it('uses every rung up to the source and keeps the aspect ratio with even sizes', () => {
    expect(ladderFor({ width: 1920, height: 1080 })).toEqual([
      { name: 1080, width: 1920, height: 1080, videoKbps: 5000 },
      { name: 720, width: 1280, height: 720, videoKbps: 2800 },
      { name: 480, width: 854, height: 480, videoKbps: 1400 },
      { name: 360, width: 640, height: 360, videoKbps: 800 },
    ]);
    expect(ladderFor({ width: 1280, height: 720 }).map((r) => `${r.width}x${r.height}`)).toEqual(['1280x720', '854x480', '640x360']);
    // 4K stops at 1080; 4:3 keeps 4:3
    expect(ladderFor({ width: 3840, height: 2160 })[0]).toMatchObject({ width: 1920, height: 1080 });
    expect(ladderFor({ width: 1440, height: 1080 }).map((r) => r.width)).toEqual([1440, 960, 640, 480]);
    for (const r of ladderFor({ width: 1918, height: 1078 })) expect([r.width % 2, r.height % 2]).toEqual([0, 0]);
  });

  it('picks rungs by the short side, so portrait video keeps its resolution', () => {
    expect(ladderFor({ width: 1080, height: 1920 }).map((r) => [r.name, r.width, r.height])).toEqual([
      [1080, 1080, 1920],
      [720, 720, 1280],
      [480, 480, 854],
      [360, 360, 640],
    ]);
  });

  it('never upscales, but a source a little short of a rung gets it at its own size', () => {
    expect(ladderFor({ width: 1280, height: 718 }).map((r) => [r.name, r.width, r.height])).toEqual([
      [720, 1280, 718],
      [480, 856, 480],
      [360, 642, 360],
    ]);
    expect(ladderFor({ width: 1200, height: 650 }).map((r) => r.name)).toEqual([480, 360]);
  });

  it('gives a source below 360 one rung at its own size, rounded down to even', () => {
    const [only, ...rest] = ladderFor({ width: 321, height: 241 });
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ name: 240, height: 240, width: 320 });
    expect(only!.videoKbps).toBeLessThan(800);
    expect(ladderFor({ width: 176, height: 144 })).toHaveLength(1);
  });
});

describe('canCopyRemux / canCopyVideo', () => {
  it('copies 8-bit 4:2:0 H.264 with AAC or no audio', () => {
    expect(canCopyRemux(h264)).toBe(true);
    expect(canCopyRemux({ ...h264, pixFmt: 'yuvj420p' })).toBe(true);
    expect(canCopyRemux({ ...h264, pixFmt: null })).toBe(true);
    expect(canCopyRemux({ ...h264, hasAudio: false, audioCodec: null })).toBe(true);
  });

  it('refuses other codecs, 10-bit or 4:4:4, other audio and rotated video', () => {
    expect(canCopyRemux({ ...h264, videoCodec: 'hevc' })).toBe(false);
    expect(canCopyRemux({ ...h264, videoCodec: 'vp9' })).toBe(false);
    expect(canCopyRemux({ ...h264, pixFmt: 'yuv420p10le' })).toBe(false);
    expect(canCopyRemux({ ...h264, pixFmt: 'yuv444p' })).toBe(false);
    expect(canCopyRemux({ ...h264, audioCodec: 'mp3' })).toBe(false);
    expect(canCopyRemux({ ...h264, audioCodec: 'opus' })).toBe(false);
    expect(canCopyRemux({ ...h264, rotation: 90 })).toBe(false);
  });

  it('lets the video be copied when only the audio needs encoding', () => {
    expect(canCopyVideo({ ...h264, audioCodec: 'mp3' } as typeof h264)).toBe(true);
    expect(canCopyVideo({ ...h264, rotation: 180 })).toBe(false);
  });
});

describe('storyboardInterval', () => {
  it('is at least one second and keeps thumbnails at or under 100, on round steps', () => {
    expect(storyboardInterval(0.5)).toBe(1);
    expect(storyboardInterval(20)).toBe(1);
    expect(storyboardInterval(100)).toBe(1);
    expect(storyboardInterval(101)).toBe(2);
    expect(storyboardInterval(600)).toBe(10);
    expect(storyboardInterval(3600)).toBe(60);
    expect(storyboardInterval(2 * 3600)).toBe(90);
    for (const d of [1, 59, 250, 999, 4321, 36_000, 100_000]) {
      const n = storyboardInterval(d);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(Math.ceil(d / n)).toBeLessThanOrEqual(100);
    }
  });
});

describe('partSizeFor', () => {
  it('is at least 16 MiB', () => {
    expect(partSizeFor(0)).toBe(16 * MiB);
    expect(partSizeFor(100 * MiB)).toBe(16 * MiB);
    expect(partSizeFor(16 * 1000 * MiB)).toBe(16 * MiB);
  });

  it('grows in whole MiB to keep about 1,000 parts', () => {
    expect(partSizeFor(16 * 1000 * MiB + 1)).toBe(17 * MiB);
    const size = 50 * 1024 * MiB; // 50 GiB
    const part = partSizeFor(size);
    expect(part % MiB).toBe(0);
    expect(Math.ceil(size / part)).toBeLessThanOrEqual(1000);
    expect(part).toBe(52 * MiB);
  });
});
