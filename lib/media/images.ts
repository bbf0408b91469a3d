import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from './errors';
import { storyboardInterval } from './plan';
import { runFfmpeg } from './run';
import type { MediaProbe } from './types';

type Tools = { ffmpeg: string | null };
export type StoryboardOptions = {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /**
   * Decode keyframes only: several times faster, thumbnails land on the nearest keyframe. Meant for
   * a source with short GOPs such as our own renditions (e.g. `v360/index.m3u8`, 2 s keyframes).
   */
  keyframesOnly?: boolean;
};
export type Storyboard = { vtt: string; sprites: string[]; interval: number; thumbWidth: number; thumbHeight: number };

const POSTER_MAX_WIDTH = 1280;
const THUMB_WIDTH = 160;
const COLUMNS = 10;
const ROWS = 10;
const JPEG_QUALITY = '4'; // ffmpeg's 2 (best) … 31 scale

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

function ffmpegOf(tools: Tools): string {
  if (!tools.ffmpeg) throw new MediaError('FFMPEG_MISSING', 'ffmpeg is not installed, so videos cannot be processed.');
  return tools.ffmpeg;
}

async function nonEmpty(file: string): Promise<boolean> {
  const st = await fs.stat(file).catch(() => null);
  return st !== null && st.size > 0;
}

/**
 * Writes a JPEG poster (a frame from the middle of the video, at most 1280 px wide, upright) to
 * `outPath`, whose folder must exist. Returns its size.
 */
export async function makePoster(tools: Tools, src: string, outPath: string, probe: MediaProbe, opts: { signal?: AbortSignal } = {}): Promise<{ width: number; height: number }> {
  const bin = ffmpegOf(tools);
  const width = even(Math.min(POSTER_MAX_WIDTH, probe.width));
  const height = even((width * probe.height) / probe.width);
  await fs.rm(outPath, { force: true });
  // The middle first; a file whose video track is shorter than its audio may have no frame there.
  for (const at of [probe.durationSeconds * 0.5, 0]) {
    await runFfmpeg(
      bin,
      ['-y', '-ss', at.toFixed(3), '-i', src, '-map', '0:V:0', '-frames:v', '1', '-vf', `scale=${width}:${height},setsar=1`, '-q:v', JPEG_QUALITY, '-update', '1', outPath],
      { signal: opts.signal },
    );
    if (await nonEmpty(outPath)) return { width, height };
  }
  throw new MediaError('FAILED', 'No frame could be taken from the video for its poster.');
}

function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor((ms % 3_600_000) / 60_000))}:${pad(Math.floor((ms % 60_000) / 1000))}.${pad(ms % 1000, 3)}`;
}

/**
 * Writes seek-bar thumbnails to `outDir` (which must exist): sprite sheets `storyboard_N.jpg` of up
 * to 10×10 thumbnails 160 px wide, one every storyboardInterval(duration) seconds, and
 * `storyboard.vtt` mapping each interval to its tile (`storyboard_0.jpg#xywh=…`, URLs relative to
 * the VTT). Earlier storyboard files in `outDir` are replaced.
 */
export async function makeStoryboard(tools: Tools, src: string, outDir: string, probe: MediaProbe, opts: StoryboardOptions = {}): Promise<Storyboard> {
  const bin = ffmpegOf(tools);
  const duration = probe.durationSeconds;
  const interval = storyboardInterval(duration);
  const count = Math.max(1, Math.ceil(duration / interval));
  const thumbWidth = THUMB_WIDTH;
  const thumbHeight = even((THUMB_WIDTH * probe.height) / probe.width);
  const perSheet = COLUMNS * ROWS;
  // Short videos get a shorter sheet rather than one padded with black rows.
  const rows = Math.min(ROWS, Math.ceil(count / COLUMNS));

  for (const f of await fs.readdir(outDir)) {
    if (/^storyboard(_\d+\.jpg|\.vtt)$/.test(f)) await fs.rm(path.join(outDir, f), { force: true });
  }
  // fps=1/N emits, for slot k, the last frame before (k+½)·N: a picture from the middle of the
  // interval the cue covers. It stops at the slot nearest the end, so the end is padded with the
  // last frame (tpad) and cut at exactly `count` thumbnails (trim): the VTT can then be written
  // without asking ffmpeg how many it made.
  const filter = [
    `tpad=stop_mode=clone:stop_duration=${interval + 1}`,
    `fps=1/${interval}`,
    `trim=end_frame=${count}`,
    `scale=${thumbWidth}:${thumbHeight},setsar=1`,
    `tile=${COLUMNS}x${rows}`,
  ].join(',');
  await runFfmpeg(
    bin,
    [
      '-y',
      ...(opts.keyframesOnly ? ['-skip_frame', 'nokey'] : []),
      '-i', src,
      '-map', '0:V:0',
      '-vf', filter,
      '-q:v', JPEG_QUALITY,
      '-start_number', '0',
      path.join(outDir, 'storyboard_%d.jpg'),
    ],
    { durationSeconds: duration, onProgress: opts.onProgress, signal: opts.signal },
  );

  const sprites: string[] = [];
  for (let i = 0; await nonEmpty(path.join(outDir, `storyboard_${i}.jpg`)); i++) sprites.push(`storyboard_${i}.jpg`);
  if (sprites.length === 0) throw new MediaError('FAILED', 'No thumbnails could be taken from the video.');
  // Defensive: should ffmpeg make fewer sheets than planned, cues never point at a missing one.
  const cues = Math.min(count, sprites.length * perSheet);
  const lines = ['WEBVTT', ''];
  for (let i = 0; i < cues; i++) {
    const start = i * interval;
    const end = i === cues - 1 ? duration : Math.min(duration, (i + 1) * interval);
    const cell = i % perSheet;
    const x = (cell % COLUMNS) * thumbWidth;
    const y = Math.floor(cell / COLUMNS) * thumbHeight;
    lines.push(`${vttTime(start)} --> ${vttTime(end)}`, `${sprites[Math.floor(i / perSheet)]}#xywh=${x},${y},${thumbWidth},${thumbHeight}`, '');
  }
  await fs.writeFile(path.join(outDir, 'storyboard.vtt'), lines.join('\n'));
  return { vtt: 'storyboard.vtt', sprites, interval, thumbWidth, thumbHeight };
}
