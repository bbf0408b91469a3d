import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePoster, makeStoryboard } from './images';
import { probeMedia } from './probe';
import { makeTestVideo } from './testing';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-media-images-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const tools = { ffmpeg: 'ffmpeg' };

function imageSize(file: string): { codec: string; width: number; height: number } {
  const [codec, width, height] = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim().split(',');
  return { codec: codec!, width: Number(width), height: Number(height) };
}
const grey = (file: string, at?: number) =>
  execFileSync('ffmpeg', ['-v', 'error', ...(at === undefined ? [] : ['-ss', String(at)]), '-i', file, '-frames:v', '1', '-vf', 'scale=64:36,format=gray', '-f', 'rawvideo', '-']);
const distance = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0);

type Cue = { start: string; end: string; ref: string };
function cues(vtt: string): Cue[] {
  return [...vtt.matchAll(/^(\S+) --> (\S+)\n(.+)$/gm)].map((m) => ({ start: m[1]!, end: m[2]!, ref: m[3]! }));
}
const seconds = (t: string) => {
  const [h, m, s] = t.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
};

describe('makePoster', () => {
  it('takes the frame from the middle, at the source size up to 1280 wide, upright', async () => {
    const src = await makeTestVideo(path.join(dir, 'a.mp4'), { seconds: 20, width: 640, height: 360, audio: false });
    const probe = await probeMedia('ffprobe', src);
    const out = path.join(dir, 'poster.jpg');
    expect(await makePoster(tools, src, out, probe)).toEqual({ width: 640, height: 360 });
    expect(imageSize(out)).toEqual({ codec: 'mjpeg', width: 640, height: 360 });
    const poster = grey(out);
    expect(distance(poster, grey(src, 10))).toBeLessThan(distance(poster, grey(src, 0)));

    const big = await makeTestVideo(path.join(dir, 'big.mp4'), { seconds: 1, width: 1920, height: 1080, audio: false });
    expect(await makePoster(tools, big, out, await probeMedia('ffprobe', big))).toEqual({ width: 1280, height: 720 });
    expect(imageSize(out)).toMatchObject({ width: 1280, height: 720 });

    const portrait = await makeTestVideo(path.join(dir, 'portrait.mp4'), { seconds: 1, width: 640, height: 360, rotate: 90, audio: false });
    expect(await makePoster(tools, portrait, out, await probeMedia('ffprobe', portrait))).toEqual({ width: 360, height: 640 });
    expect(imageSize(out)).toMatchObject({ width: 360, height: 640 });
  });
});

describe('makeStoryboard', () => {
  it('tiles one thumbnail per second of a 20 s video and maps each cue to its tile', async () => {
    const src = await makeTestVideo(path.join(dir, 'sb20.mp4'), { seconds: 20, width: 640, height: 360, audio: false });
    const probe = await probeMedia('ffprobe', src);
    const out = fs.mkdtempSync(path.join(dir, 'sb20-'));
    const sb = await makeStoryboard(tools, src, out, probe);
    expect(sb).toEqual({ vtt: 'storyboard.vtt', sprites: ['storyboard_0.jpg'], interval: 1, thumbWidth: 160, thumbHeight: 90 });
    // 20 thumbnails: 10 columns × 2 rows
    expect(imageSize(path.join(out, 'storyboard_0.jpg'))).toMatchObject({ width: 1600, height: 180 });
    const vtt = fs.readFileSync(path.join(out, 'storyboard.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    const list = cues(vtt);
    expect(list).toHaveLength(20);
    expect(list[0]).toEqual({ start: '00:00:00.000', end: '00:00:01.000', ref: 'storyboard_0.jpg#xywh=0,0,160,90' });
    expect(list[11]).toEqual({ start: '00:00:11.000', end: '00:00:12.000', ref: 'storyboard_0.jpg#xywh=160,90,160,90' });
    expect(seconds(list[19]!.end)).toBeCloseTo(probe.durationSeconds, 2);
    // contiguous: every cue starts where the previous ended
    for (let i = 1; i < list.length; i++) expect(list[i]!.start).toBe(list[i - 1]!.end);
  });

  it('spaces thumbnails further apart for a longer video, keeps portrait aspect and can read keyframes only', async () => {
    const src = await makeTestVideo(path.join(dir, 'sb150.mp4'), { seconds: 150, width: 180, height: 320, audio: false, fps: 10 });
    const probe = await probeMedia('ffprobe', src);
    const out = fs.mkdtempSync(path.join(dir, 'sb150-'));
    const sb = await makeStoryboard(tools, src, out, probe);
    expect(sb).toMatchObject({ interval: 2, thumbWidth: 160, thumbHeight: 284 });
    expect(imageSize(path.join(out, 'storyboard_0.jpg'))).toMatchObject({ width: 1600, height: 284 * 8 });
    const list = cues(fs.readFileSync(path.join(out, 'storyboard.vtt'), 'utf8'));
    expect(list).toHaveLength(75);
    expect(list[74]).toEqual({ start: '00:02:28.000', end: '00:02:30.000', ref: 'storyboard_0.jpg#xywh=640,1988,160,284' });

    const fast = await makeStoryboard(tools, src, out, probe, { keyframesOnly: true });
    expect(fast.sprites).toEqual(['storyboard_0.jpg']);
    expect(cues(fs.readFileSync(path.join(out, 'storyboard.vtt'), 'utf8'))).toHaveLength(75);
  });
});
