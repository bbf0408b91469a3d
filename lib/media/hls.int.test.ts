import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageQuick, transcodeLadder, writeMasterPlaylist } from './hls';
import { ladderFor } from './plan';
import { probeMedia } from './probe';
import { makeTestVideo } from './testing';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-media-hls-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const tools = { ffmpeg: 'ffmpeg' };

type Stream = { codec_type: string; codec_name: string; width?: number; height?: number; side_data_list?: unknown[] };
function ffprobe(file: string): { streams: Stream[]; format: { duration: string } } {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { encoding: 'utf8' }));
}
const videoHash = (file: string) => execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-c', 'copy', '-f', 'streamhash', '-hash', 'md5', '-'], { encoding: 'utf8' }).trim();
const extinf = (playlist: string) => [...fs.readFileSync(playlist, 'utf8').matchAll(/^#EXTINF:([\d.]+),/gm)].map((m) => Number(m[1]));

/** 36×64 grey pixels of the first frame, to check which way up the picture is. */
function greyFrame(file: string, w: number, h: number): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-frames:v', '1', '-vf', `scale=${w}:${h},format=gray`, '-f', 'rawvideo', '-'], { maxBuffer: 1 << 20 });
}

describe('packageQuick', () => {
  it('copies an H.264/AAC source bit-exactly into fMP4 HLS, in well under real time', async () => {
    const src = await makeTestVideo(path.join(dir, 'copy-src.mp4'), { seconds: 20, width: 640, height: 360 });
    const probe = await probeMedia('ffprobe', src);
    const out = path.join(dir, 'copy');
    const progress: number[] = [];
    const started = Date.now();
    const quick = await packageQuick(tools, src, out, probe, { onProgress: (f) => progress.push(f) });
    const elapsed = Date.now() - started;

    expect(quick).toMatchObject({ method: 'copy', playlist: 'quick/index.m3u8', width: 640, height: 360 });
    expect(quick.codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
    expect(quick.bandwidth).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(4000); // an encode of 20 s would take several seconds on 2 cores
    expect(progress[progress.length - 1]).toBe(1);
    expect(fs.existsSync(path.join(out, 'quick/init.mp4'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'quick/seg_00000.m4s'))).toBe(true);
    // Same compressed video packets as the source: nothing was re-encoded.
    expect(videoHash(path.join(out, 'quick/index.m3u8'))).toBe(videoHash(src));
    const info = ffprobe(path.join(out, 'quick/index.m3u8'));
    expect(Math.abs(Number(info.format.duration) - 20)).toBeLessThan(0.3);
    expect(info.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
  });

  it('encodes a VP9/Opus WebM to H.264/AAC', async () => {
    const src = await makeTestVideo(path.join(dir, 'vp9.webm'), { seconds: 6, width: 640, height: 360, codec: 'vp9', container: 'webm' });
    const probe = await probeMedia('ffprobe', src);
    const out = path.join(dir, 'vp9');
    const quick = await packageQuick(tools, src, out, probe, { preset: 'ultrafast' });
    expect(quick).toMatchObject({ method: 'encode', width: 640, height: 360 });
    expect(quick.codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
    const info = ffprobe(path.join(out, quick.playlist));
    expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(info.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    expect(Math.abs(Number(info.format.duration) - 6)).toBeLessThan(0.3);
  });

  it('bakes a rotation into the picture instead of copying a flag players may ignore', async () => {
    const src = await makeTestVideo(path.join(dir, 'portrait.mp4'), { seconds: 2, width: 640, height: 360, rotate: 90, audio: false });
    const probe = await probeMedia('ffprobe', src);
    const out = path.join(dir, 'portrait');
    const quick = await packageQuick(tools, src, out, probe, { preset: 'ultrafast' });
    expect(quick).toMatchObject({ method: 'encode', width: 360, height: 640, codecs: expect.stringMatching(/^avc1\.[0-9a-f]{6}$/) });
    const video = ffprobe(path.join(out, quick.playlist)).streams.find((s) => s.codec_type === 'video')!;
    expect(video).toMatchObject({ width: 360, height: 640 });
    expect(video.side_data_list ?? []).toEqual([]);
    // testsrc2 draws a dark timestamp box in its top-left corner; turned clockwise it sits top-right.
    const px = greyFrame(path.join(out, quick.playlist), 36, 64);
    const at = (x: number, y: number) => px[y * 36 + x]!;
    expect(at(34, 2)).toBeLessThan(at(2, 2) - 20);
  });
});

describe('transcodeLadder', () => {
  it('encodes 720/480/360 in one run with aligned 6 s segments and a correct master', async () => {
    const src = await makeTestVideo(path.join(dir, 'hd.mp4'), { seconds: 14, width: 1280, height: 720 });
    const probe = await probeMedia('ffprobe', src);
    const out = path.join(dir, 'ladder');
    const progress: number[] = [];
    const ladder = await transcodeLadder(tools, src, out, probe, ladderFor(probe), { preset: 'ultrafast', onProgress: (f) => progress.push(f) });

    expect(progress[progress.length - 1]).toBe(1);
    expect(ladder.master).toBe('master.m3u8');
    expect(ladder.renditions.map((r) => [r.playlist, r.width, r.height])).toEqual([
      ['v720/index.m3u8', 1280, 720],
      ['v480/index.m3u8', 854, 480],
      ['v360/index.m3u8', 640, 360],
    ]);
    for (const r of ladder.renditions) {
      const playlist = path.join(out, r.playlist);
      const info = ffprobe(playlist);
      expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: r.width, height: r.height });
      expect(info.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
      const durations = extinf(playlist);
      expect(durations.slice(0, -1).every((d) => d > 5.5 && d <= 6.5)).toBe(true);
      expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(14, 0);
      expect(fs.readFileSync(playlist, 'utf8')).toContain('#EXT-X-MAP:URI="init.mp4"');
      expect(r.codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
      expect(r.bandwidth).toBeGreaterThanOrEqual(r.averageBandwidth ?? 0);
    }
    // Renditions share segment boundaries, so players can switch at any segment.
    expect(new Set(ladder.renditions.map((r) => extinf(path.join(out, r.playlist)).join(','))).size).toBe(1);

    const master = fs.readFileSync(path.join(out, 'master.m3u8'), 'utf8');
    const variants = [...master.matchAll(/^#EXT-X-STREAM-INF:(.*)\n(.*)$/gm)].map((m) => ({ attrs: m[1]!, uri: m[2]! }));
    expect(variants.map((v) => v.uri)).toEqual(['v720/index.m3u8', 'v480/index.m3u8', 'v360/index.m3u8']);
    for (const [i, v] of variants.entries()) {
      const r = ladder.renditions[i]!;
      expect(v.attrs).toContain(`BANDWIDTH=${r.bandwidth},`);
      expect(v.attrs).toContain(`RESOLUTION=${r.width}x${r.height}`);
      expect(v.attrs).toContain(`CODECS="${r.codecs}"`);
    }
    // ffmpeg itself can follow the master to a variant
    expect(ffprobe(path.join(out, 'master.m3u8')).streams.some((s) => s.height === 720)).toBe(true);
  });
});

describe('writeMasterPlaylist', () => {
  it('lists the largest variant up to 720p first, then the rest by bandwidth, with / paths', async () => {
    const out = fs.mkdtempSync(path.join(dir, 'master-'));
    const r = (h: number, bandwidth: number) => ({ playlist: `v${h}/index.m3u8`, width: Math.round((h * 16) / 9 / 2) * 2, height: h, bandwidth });
    await writeMasterPlaylist(out, [r(1080, 5_000_000), r(720, 2_800_000), r(480, 1_400_000), r(360, 800_000)]);
    const uris = fs.readFileSync(path.join(out, 'master.m3u8'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris).toEqual(['v720/index.m3u8', 'v1080/index.m3u8', 'v480/index.m3u8', 'v360/index.m3u8']);
    await writeMasterPlaylist(out, [r(1080, 5_000_000)]);
    expect(fs.readFileSync(path.join(out, 'master.m3u8'), 'utf8')).toBe('#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080\nv1080/index.m3u8\n');
  });
});
