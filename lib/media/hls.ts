import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from './errors';
import { canCopyVideo, ladderFor, type Rung } from './plan';
import { MASTER_PLAYLIST, measureMediaPlaylist, writeMasterPlaylist, type Rendition } from './playlist';
import { runFfmpeg } from './run';
import type { MediaProbe } from './types';

export { writeMasterPlaylist, MASTER_PLAYLIST, type Rendition };

export const X264_PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow'] as const;
export type X264Preset = (typeof X264_PRESETS)[number];

export type HlsOptions = {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** libx264 speed/size trade-off; veryfast keeps a 2-core worker near real time at 1080p. */
  preset?: X264Preset;
};
export type QuickRendition = Rendition & { method: 'copy' | 'encode' };
export type Ladder = { master: string; renditions: (Rendition & { name: number })[] };

type Tools = { ffmpeg: string | null };

const SEGMENT_SECONDS = 6;
const KEYFRAME_SECONDS = 2;
const AUDIO_KBPS = 128;
const MAX_FPS = 60;
const QUICK_MAX_SHORT_SIDE = 720;

function ffmpegOf(tools: Tools): string {
  if (!tools.ffmpeg) throw new MediaError('FFMPEG_MISSING', 'ffmpeg is not installed, so videos cannot be processed.');
  return tools.ffmpeg;
}

/** The HLS muxer options for one rendition folder: fMP4, 6 s VOD segments that each start with a keyframe. */
function hlsOutput(dir: string): string[] {
  return [
    '-f', 'hls',
    '-hls_time', String(SEGMENT_SECONDS),
    '-hls_playlist_type', 'vod',
    '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', 'init.mp4',
    '-hls_flags', 'independent_segments',
    // Audio may run far ahead of a slow video encoder; 5.1's default queue of 128 packets can then abort the run.
    '-max_muxing_queue_size', '4096',
    '-hls_segment_filename', path.join(dir, 'seg_%05d.m4s'),
    path.join(dir, 'index.m3u8'),
  ];
}

const outputFps = (probe: MediaProbe) => (probe.fps > MAX_FPS + 0.5 ? MAX_FPS : probe.fps);

/**
 * libx264 settings shared by every rendition. Keyframes fall every 2 s on the clock (not per
 * frame count, so variable-frame-rate phone footage aligns too) and never on scene cuts, so the
 * 6 s segments of all renditions start at the same instants and players can switch between them.
 */
function x264(rung: Rung, fps: number, preset: X264Preset): string[] {
  const gop = String(Math.max(1, Math.round(KEYFRAME_SECONDS * fps)));
  return [
    '-c:v', 'libx264',
    '-preset', preset,
    '-profile:v', 'high',
    // Capped CRF: slides and talking heads come out far below the cap, busy footage at the cap.
    '-crf', '23',
    '-maxrate', `${rung.videoKbps}k`,
    '-bufsize', `${rung.videoKbps * 2}k`,
    '-g', gop,
    '-keyint_min', gop,
    '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${KEYFRAME_SECONDS})`,
  ];
}

const aacEncode = ['-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ac', '2'];

/** Scales to the rung's exact size; the source has already been turned upright by ffmpeg's autorotate. */
const scaleFilter = (rung: Rung) => `scale=${rung.width}:${rung.height},setsar=1,format=yuv420p`;

async function freshDir(dir: string) {
  // Left-over segments from an earlier, longer attempt would otherwise be uploaded with the new ones.
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
}

async function describe(outDir: string, playlist: string, size: { width: number; height: number }, frameRate: number): Promise<Rendition> {
  const m = await measureMediaPlaylist(path.join(outDir, playlist));
  return { playlist, width: size.width, height: size.height, bandwidth: m.bandwidth, averageBandwidth: m.averageBandwidth, codecs: m.codecs, frameRate };
}

/**
 * Makes a rendition that can be played quickly, in `outDir/quick/` (index.m3u8, init.mp4,
 * seg_NNNNN.m4s), replacing any earlier one. An 8-bit H.264 source without rotation is copied
 * (seconds for an hour of video; AAC audio copied, other audio re-encoded); anything else gets
 * one fast encode at up to 720p. The caller writes the master (writeMasterPlaylist).
 */
export async function packageQuick(tools: Tools, src: string, outDir: string, probe: MediaProbe, opts: HlsOptions = {}): Promise<QuickRendition> {
  const bin = ffmpegOf(tools);
  const dir = path.join(outDir, 'quick');
  await freshDir(dir);
  const copy = canCopyVideo(probe);
  const audio = probe.hasAudio ? ['-map', '0:a:0', ...(probe.audioCodec === 'aac' ? ['-c:a', 'copy'] : aacEncode)] : [];
  let size = { width: probe.width, height: probe.height };
  let fps = probe.fps;
  let video: string[];
  if (copy) {
    video = ['-map', '0:V:0', '-c:v', 'copy'];
  } else {
    const rungs = ladderFor(probe);
    const rung = rungs.find((r) => r.name <= QUICK_MAX_SHORT_SIDE) ?? rungs[rungs.length - 1]!;
    size = { width: rung.width, height: rung.height };
    fps = outputFps(probe);
    const filter = [...(fps !== probe.fps ? [`fps=${fps}`] : []), scaleFilter(rung)].join(',');
    video = ['-map', '0:V:0', '-vf', filter, ...x264(rung, fps, opts.preset ?? 'veryfast')];
  }
  await runFfmpeg(bin, ['-y', '-i', src, ...video, ...audio, '-sn', '-dn', ...hlsOutput(dir)], {
    durationSeconds: probe.durationSeconds,
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  return { ...(await describe(outDir, 'quick/index.m3u8', size, fps)), method: copy ? 'copy' : 'encode' };
}

/**
 * Encodes every rung in one ffmpeg run (one decode, one split) into `outDir/v{name}/`, replacing
 * earlier output there, then writes `outDir/master.m3u8` with measured BANDWIDTH, RESOLUTION and
 * CODECS. The caller picked `rungs` (normally ladderFor(probe)).
 */
export async function transcodeLadder(tools: Tools, src: string, outDir: string, probe: MediaProbe, rungs: readonly Rung[], opts: HlsOptions = {}): Promise<Ladder> {
  const bin = ffmpegOf(tools);
  if (rungs.length === 0) throw new Error('transcodeLadder needs at least one rung');
  const fps = outputFps(probe);
  const preset = opts.preset ?? 'veryfast';
  const labels = rungs.map((_, i) => `s${i}`);
  // One output per rung instead of -var_stream_map: ffmpeg 5.1 then names the init segments
  // init_N.mp4 and writes BANDWIDTH from the audio bit rate alone under CRF.
  const graph = [
    `[0:V:0]${fps !== probe.fps ? `fps=${fps},` : ''}split=${rungs.length}${labels.map((l) => `[${l}]`).join('')}`,
    ...rungs.map((r, i) => `[${labels[i]}]${scaleFilter(r)}[o${i}]`),
  ].join(';');
  const outputs: string[] = [];
  for (const [i, rung] of rungs.entries()) {
    const dir = path.join(outDir, `v${rung.name}`);
    await freshDir(dir);
    outputs.push('-map', `[o${i}]`, ...x264(rung, fps, preset));
    if (probe.hasAudio) outputs.push('-map', '0:a:0', ...aacEncode);
    outputs.push(...hlsOutput(dir));
  }
  await runFfmpeg(bin, ['-y', '-i', src, '-filter_complex', graph, ...outputs], {
    durationSeconds: probe.durationSeconds,
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  const renditions = [];
  for (const rung of rungs) {
    const r = await describe(outDir, `v${rung.name}/index.m3u8`, rung, fps);
    renditions.push({ ...r, name: rung.name });
  }
  const master = await writeMasterPlaylist(outDir, renditions);
  return { master, renditions };
}
