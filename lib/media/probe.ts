import 'server-only';
import { spawn } from 'node:child_process';
import { MediaError } from './errors';
import type { MediaProbe } from './types';

export type { MediaProbe };

type FfprobeStream = {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  sample_aspect_ratio?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
};
type FfprobeFormat = { format_name?: string; duration?: string; bit_rate?: string };
export type FfprobeOutput = { streams?: FfprobeStream[]; format?: FfprobeFormat };

const PROBE_TIMEOUT_MS = 120_000;
const MAX_JSON_CHARS = 16 * 1024 * 1024;

/** Runs ffprobe and resolves its stdout; exit code and stderr decide the error. */
function runFfprobe(bin: string, args: string[], onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    let pending = '';
    let settled = false;
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // A file on a stalled mount (or a pathological one) must not hold a worker slot forever.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new MediaError('UNREADABLE', 'Reading the file took too long; it may be damaged.'));
    }, PROBE_TIMEOUT_MS);
    const fail = (e: MediaError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (onLine) {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        lines.forEach(onLine);
      } else if (out.length < MAX_JSON_CHARS) {
        out += chunk;
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err = (err + chunk).slice(-8192);
    });
    child.on('error', (e) =>
      fail(new MediaError('FFMPEG_MISSING', `ffprobe could not be started (${bin}); check that it is installed or set FFPROBE_PATH.`, { cause: e })),
    );
    child.on('close', (code) => {
      if (settled) return;
      if (pending && onLine) onLine(pending);
      if (code !== 0) {
        return fail(new MediaError('UNREADABLE', 'The file could not be read as a video; it may be damaged or in an unsupported format.', { detail: err.trim() }));
      }
      settled = true;
      clearTimeout(timer);
      resolve(out);
    });
  });
}

const num = (v: string | number | undefined): number | null => {
  const n = typeof v === 'number' ? v : v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
};

function ratio(v: string | undefined): number | null {
  const m = v ? /^(\d+)[:/](\d+)$/.exec(v) : null;
  if (!m) return null;
  const n = Number(m[1]);
  const d = Number(m[2]);
  return n > 0 && d > 0 ? n / d : null;
}

/** Normalises to a quarter turn; odd angles (a tilted phone) are rounded to the nearest one. */
function quarterTurn(degrees: number): MediaProbe['rotation'] {
  const r = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
  return r as MediaProbe['rotation'];
}

function readRotation(s: FfprobeStream): MediaProbe['rotation'] {
  // The display matrix (what ffprobe 5+ reports) gives the counter-clockwise angle; the legacy
  // `rotate` tag gives the clockwise one. Both are turned into the clockwise convention.
  const matrix = s.side_data_list?.find((d) => typeof d.rotation === 'number');
  if (matrix?.rotation !== undefined) return quarterTurn(-matrix.rotation);
  const tag = num(s.tags?.rotate);
  return tag === null ? 0 : quarterTurn(tag);
}

// Still-image demuxers present a picture as a one-frame video stream.
const IMAGE_FORMAT = /(^|,)(image2|[a-z0-9]+_pipe|apng)(,|$)/;

/** Reads the last video timestamp by walking packets, for files whose header has no duration (MediaRecorder WebM). */
async function durationFromPackets(bin: string, path: string): Promise<number | null> {
  let end = 0;
  await runFfprobe(bin, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', path], (line) => {
    const [pts, dur] = line.split(',');
    const t = (num(pts) ?? 0) + (num(dur) ?? 0);
    if (t > end) end = t;
  });
  return end > 0 ? end : null;
}

const unreadable = (detail: string) =>
  new MediaError('UNREADABLE', 'The file could not be read as a video; it may be damaged or in an unsupported format.', { detail });

/** The stream the pipeline encodes; throws UNREADABLE / NO_VIDEO_STREAM when there is none. */
function pickVideo(data: FfprobeOutput): { format: FfprobeFormat; video: FfprobeStream } {
  const format = data.format;
  const formatName = format?.format_name ?? '';
  // `tty` is ffmpeg's ANSI-art demuxer, picked for text files by their extension.
  if (!format || formatName === 'tty') throw unreadable(`format ${formatName || 'unknown'}`);
  // Cover art in audio files (and some MP4s) is a video stream flagged attached_pic. ffmpeg commands
  // select the same stream with the `V` specifier (video that is not an attached picture).
  const video = (data.streams ?? []).find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (!video || IMAGE_FORMAT.test(formatName)) {
    throw new MediaError('NO_VIDEO_STREAM', video ? 'The file is a still image, not a video.' : 'The file has no video stream.');
  }
  return { format, video };
}

const headerDuration = (format: FfprobeFormat, video: FfprobeStream): number | null => {
  const d = num(format.duration) ?? num(video.duration);
  return d !== null && d > 0 ? d : null;
};

/**
 * Turns ffprobe's `-show_format -show_streams` JSON into a MediaProbe. `durationFallback` is used
 * when the header has no duration. Exported for unit tests; callers use probeMedia.
 */
export function interpretFfprobe(data: FfprobeOutput, durationFallback: number | null = null): MediaProbe {
  const { format, video } = pickVideo(data);
  const audio = (data.streams ?? []).find((s) => s.codec_type === 'audio');
  const durationSeconds = headerDuration(format, video) ?? (durationFallback !== null && durationFallback > 0 ? durationFallback : null);
  if (durationSeconds === null) throw new MediaError('UNREADABLE', 'The length of the video could not be determined; it may be damaged.');

  const codedW = video.width ?? 0;
  const codedH = video.height ?? 0;
  if (codedW <= 0 || codedH <= 0) throw new MediaError('UNREADABLE', 'The size of the video could not be determined; it may be damaged.');
  // Anamorphic sources (DV, some broadcast captures) store non-square pixels; the displayed width is what counts.
  const sar = ratio(video.sample_aspect_ratio) ?? 1;
  const rotation = readRotation(video);
  const w = Math.max(1, Math.round(codedW * sar));
  const turned = rotation === 90 || rotation === 270;

  // Variable-rate WebM (MediaRecorder) reports its 1/1000 time base as a 1000 fps rate; such values are not frame rates.
  const plausible = (f: number | null) => (f !== null && f <= 240 ? f : null);
  const fps = plausible(ratio(video.avg_frame_rate)) ?? plausible(ratio(video.r_frame_rate)) ?? 30;
  return {
    durationSeconds,
    width: turned ? codedH : w,
    height: turned ? w : codedH,
    rotation,
    fps: Math.round(fps * 1000) / 1000,
    videoCodec: video.codec_name ?? 'unknown',
    pixFmt: video.pix_fmt ?? null,
    audioCodec: audio?.codec_name ?? null,
    hasAudio: Boolean(audio),
    bitRate: num(format.bit_rate),
    formatName: format.format_name ?? '',
  };
}

/**
 * Describes the video at `path` (a local file the caller has finished writing). Throws MediaError
 * UNREADABLE when ffprobe cannot parse it and NO_VIDEO_STREAM when it holds no moving picture.
 */
export async function probeMedia(ffprobeBin: string, path: string): Promise<MediaProbe> {
  const json = await runFfprobe(ffprobeBin, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path]);
  let data: FfprobeOutput;
  try {
    data = JSON.parse(json) as FfprobeOutput;
  } catch {
    throw unreadable('ffprobe printed no JSON');
  }
  const { format, video } = pickVideo(data);
  const fallback = headerDuration(format, video) === null ? await durationFromPackets(ffprobeBin, path) : null;
  return interpretFfprobe(data, fallback);
}
