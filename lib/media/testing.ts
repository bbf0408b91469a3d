import 'server-only';
import fs from 'node:fs/promises';
import { MediaError } from './errors';
import { runFfmpeg } from './run';
import { findMediaTools } from './tools';

// Synthetic media for tests, e2e fixtures and benchmarks: lavfi's testsrc2 (moving, so encoders
// do real work) plus a sine tone, encoded with the fastest settings.

export type TestVideoOptions = {
  seconds: number;
  width?: number;
  height?: number;
  codec?: 'h264' | 'vp9' | 'mpeg4';
  audio?: boolean;
  container?: 'mp4' | 'webm' | 'mkv' | 'mov';
  fps?: number;
  /** moov before mdat (mp4/mov only). */
  faststart?: boolean;
  /** Clockwise turn a player must apply, written as a tkhd display matrix as phones do (mp4/mov only). */
  rotate?: 0 | 90 | 180 | 270;
  /** e.g. 'yuv420p10le' for a 10-bit file. */
  pixFmt?: string;
  /** An ffmpeg binary; otherwise the one on PATH. */
  ffmpeg?: string;
};

async function ffmpegBin(override?: string): Promise<string> {
  if (override) return override;
  const { ffmpeg } = await findMediaTools();
  if (!ffmpeg) throw new MediaError('FFMPEG_MISSING', 'ffmpeg is not installed; it is needed to make test videos.');
  return ffmpeg;
}

const run = (bin: string, args: string[]) => runFfmpeg(bin, ['-y', ...args]);

const videoCodecArgs: Record<NonNullable<TestVideoOptions['codec']>, string[]> = {
  h264: ['-c:v', 'libx264', '-preset', 'ultrafast'],
  vp9: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-b:v', '400k'],
  mpeg4: ['-c:v', 'mpeg4', '-q:v', '6'],
};

/** Makes a synthetic video at `path` (its folder must exist) and returns the path. */
export async function makeTestVideo(path: string, opts: TestVideoOptions): Promise<string> {
  const { seconds, width = 640, height = 360, codec = 'h264', audio = true, container = 'mp4', fps = 25, faststart = true, rotate = 0 } = opts;
  if (container === 'webm' && codec !== 'vp9') throw new Error('WebM holds only VP8/VP9/AV1 video; use codec vp9.');
  if (rotate !== 0 && container !== 'mp4' && container !== 'mov') throw new Error('rotate is only supported for mp4 and mov.');
  const bin = await ffmpegBin(opts.ffmpeg);
  const args = ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`];
  if (audio) args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`);
  args.push(...videoCodecArgs[codec], '-pix_fmt', opts.pixFmt ?? 'yuv420p');
  if (audio) args.push(...(container === 'webm' ? ['-c:a', 'libopus', '-b:a', '64k'] : ['-c:a', 'aac', '-b:a', '96k']));
  if ((container === 'mp4' || container === 'mov') && faststart) args.push('-movflags', '+faststart');
  args.push('-f', container === 'mkv' ? 'matroska' : container, path);
  await run(bin, args);
  if (rotate !== 0) await setDisplayMatrix(path, rotate);
  return path;
}

/** Makes an audio-only file (AAC in MP4, or whatever the extension implies) for NO_VIDEO_STREAM cases. */
export async function makeTestAudio(path: string, opts: { seconds: number; ffmpeg?: string }): Promise<string> {
  const bin = await ffmpegBin(opts.ffmpeg);
  await run(bin, ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${opts.seconds}`, '-c:a', 'aac', path]);
  return path;
}

type Box = { type: string; start: number; end: number };
function children(b: Buffer, start: number, end: number): Box[] {
  const out: Box[] = [];
  for (let at = start; at + 8 <= end; ) {
    const size = b.readUInt32BE(at);
    if (size < 8 || at + size > end) break;
    out.push({ type: b.toString('latin1', at + 4, at + 8), start: at + 8, end: at + size });
    at += size;
  }
  return out;
}

/**
 * Rewrites the video track's tkhd matrix, the way phones mark a portrait recording. Done on the
 * bytes because ffmpeg's own `-metadata:s:v rotate=` changed meaning in 5.x and is gone in 6.x.
 */
async function setDisplayMatrix(path: string, clockwise: 90 | 180 | 270): Promise<void> {
  const b = await fs.readFile(path);
  const moov = children(b, 0, b.length).find((x) => x.type === 'moov');
  const trak = moov && children(b, moov.start, moov.end).find((t) => {
    const mdia = children(b, t.start, t.end).find((x) => x.type === 'mdia');
    const hdlr = mdia && children(b, mdia.start, mdia.end).find((x) => x.type === 'hdlr');
    return hdlr !== undefined && b.toString('latin1', hdlr.start + 8, hdlr.start + 12) === 'vide';
  });
  const tkhd = trak && children(b, trak.start, trak.end).find((x) => x.type === 'tkhd');
  if (!tkhd) throw new Error(`${path} has no video tkhd box`);
  const version = b.readUInt8(tkhd.start);
  const matrixAt = tkhd.start + 4 + (version === 1 ? 32 : 20) + 16;
  const w = b.readUInt32BE(matrixAt + 36) >>> 16;
  const h = b.readUInt32BE(matrixAt + 40) >>> 16;
  // [a b u; c d v; x y w]; a–d, x, y in 16.16 fixed point, u, v, w in 2.30.
  const one = 0x10000;
  const m: Record<typeof clockwise, number[]> = {
    90: [0, one, 0, -one, 0, 0, h * one, 0, 0x40000000],
    180: [-one, 0, 0, 0, -one, 0, w * one, h * one, 0x40000000],
    270: [0, -one, 0, one, 0, 0, 0, w * one, 0x40000000],
  };
  m[clockwise].forEach((v, i) => b.writeInt32BE(v | 0, matrixAt + i * 4));
  await fs.writeFile(path, b);
}
