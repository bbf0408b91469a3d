import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaError } from './errors';
import { probeMedia } from './probe';
import { makeTestAudio, makeTestVideo } from './testing';
import { findMediaTools, resetMediaToolsCache } from './tools';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-media-probe-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

async function mediaError(p: Promise<unknown>): Promise<MediaError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MediaError);
  return e as MediaError;
}

describe('findMediaTools', () => {
  it('finds ffmpeg and ffprobe on PATH with a version, and caches the answer', async () => {
    resetMediaToolsCache();
    const tools = await findMediaTools();
    expect(tools.ffmpeg).toBe('ffmpeg');
    expect(tools.ffprobe).toBe('ffprobe');
    expect(tools.version).toMatch(/^\d+\.\d+/);
    expect(await findMediaTools()).toBe(tools);
  });

  it('uses explicit paths and reports a broken one as null instead of throwing', async () => {
    const tools = await findMediaTools({ ffmpegPath: '/usr/bin/ffmpeg', ffprobePath: path.join(dir, 'no-such-ffprobe') });
    expect(tools).toMatchObject({ ffmpeg: '/usr/bin/ffmpeg', ffprobe: null });
    expect(await findMediaTools({ ffmpegPath: '/bin/false', ffprobePath: '/bin/false' })).toEqual({ ffmpeg: null, ffprobe: null, version: null });
  });
});

describe('probeMedia', () => {
  it('describes an H.264/AAC MP4', async () => {
    const p = await makeTestVideo(file('a.mp4'), { seconds: 3, width: 640, height: 360 });
    const probe = await probeMedia('ffprobe', p);
    expect(probe).toMatchObject({ width: 640, height: 360, rotation: 0, fps: 25, videoCodec: 'h264', pixFmt: 'yuv420p', audioCodec: 'aac', hasAudio: true });
    expect(Math.abs(probe.durationSeconds - 3)).toBeLessThan(0.2);
    expect(probe.bitRate).toBeGreaterThan(0);
    expect(probe.formatName).toContain('mp4');
  });

  it('describes a silent VP9 WebM', async () => {
    const p = await makeTestVideo(file('b.webm'), { seconds: 2, width: 320, height: 240, codec: 'vp9', container: 'webm', audio: false, fps: 30 });
    const probe = await probeMedia('ffprobe', p);
    expect(probe).toMatchObject({ width: 320, height: 240, fps: 30, videoCodec: 'vp9', audioCodec: null, hasAudio: false, formatName: 'matroska,webm' });
    expect(Math.abs(probe.durationSeconds - 2)).toBeLessThan(0.2);
  });

  it('measures a WebM without a duration in its header (as MediaRecorder writes them) from its packets', async () => {
    const p = file('live.webm');
    const { runFfmpeg } = await import('./run');
    await runFfmpeg('ffmpeg', ['-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30:duration=3', '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-live', '1', '-f', 'webm', p]);
    const probe = await probeMedia('ffprobe', p);
    expect(Math.abs(probe.durationSeconds - 3)).toBeLessThan(0.2);
  });

  it('reads a phone-style display matrix as a clockwise rotation and swaps the displayed size', async () => {
    const p90 = await makeTestVideo(file('r90.mp4'), { seconds: 1, width: 640, height: 360, rotate: 90 });
    expect(await probeMedia('ffprobe', p90)).toMatchObject({ rotation: 90, width: 360, height: 640 });
    const p270 = await makeTestVideo(file('r270.mov'), { seconds: 1, width: 640, height: 360, rotate: 270, container: 'mov' });
    expect(await probeMedia('ffprobe', p270)).toMatchObject({ rotation: 270, width: 360, height: 640 });
    const p180 = await makeTestVideo(file('r180.mp4'), { seconds: 1, width: 640, height: 360, rotate: 180 });
    expect(await probeMedia('ffprobe', p180)).toMatchObject({ rotation: 180, width: 640, height: 360 });
  });

  it('refuses an audio-only file with NO_VIDEO_STREAM', async () => {
    const p = await makeTestAudio(file('tone.m4a'), { seconds: 1 });
    const e = await mediaError(probeMedia('ffprobe', p));
    expect(e.code).toBe('NO_VIDEO_STREAM');
    expect(e.message).toBe('The file has no video stream.');
  });

  it('refuses a still image with NO_VIDEO_STREAM', async () => {
    const png = file('still.png');
    await makeTestVideo(file('for-png.mp4'), { seconds: 1, audio: false });
    const { runFfmpeg } = await import('./run');
    await runFfmpeg('ffmpeg', ['-y', '-i', file('for-png.mp4'), '-frames:v', '1', png]);
    expect((await mediaError(probeMedia('ffprobe', png))).code).toBe('NO_VIDEO_STREAM');
  });

  it('refuses a text file (even named .mp4 or .txt) with UNREADABLE', async () => {
    for (const name of ['notes.mp4', 'notes.txt']) {
      fs.writeFileSync(file(name), 'These are my lecture notes.\n'.repeat(200));
      const e = await mediaError(probeMedia('ffprobe', file(name)));
      expect(e.code).toBe('UNREADABLE');
      expect(e.message).toMatch(/could not be read as a video/);
    }
    fs.writeFileSync(file('empty.mp4'), '');
    expect((await mediaError(probeMedia('ffprobe', file('empty.mp4')))).code).toBe('UNREADABLE');
  });

  it('reports a missing ffprobe as FFMPEG_MISSING', async () => {
    expect((await mediaError(probeMedia(path.join(dir, 'nope'), file('a.mp4')))).code).toBe('FFMPEG_MISSING');
  });
});
