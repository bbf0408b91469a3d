import 'server-only';
import { spawn } from 'node:child_process';

export type MediaTools = { ffmpeg: string | null; ffprobe: string | null; version: string | null };
export type MediaToolPaths = { ffmpegPath?: string; ffprobePath?: string };

const VERSION_TIMEOUT_MS = 10_000;
const cache = new Map<string, Promise<MediaTools>>();

/** Runs `<bin> -version`; resolves the version string, or null when the binary is missing or broken. */
function readVersion(bin: string, name: 'ffmpeg' | 'ffprobe'): Promise<string | null> {
  return new Promise((resolve) => {
    let out = '';
    let settled = false;
    const done = (v: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(bin, ['-version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      resolve(null);
      return;
    }
    // A binary that hangs (e.g. a wrapper script waiting on a network mount) must not block the worker's start.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(null);
    }, VERSION_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (out.length < 4096) out += chunk;
    });
    child.on('error', () => done(null));
    child.on('close', (code) => {
      if (code !== 0) return done(null);
      const m = new RegExp(`^${name} version (\\S+)`).exec(out);
      done(m?.[1] ?? 'unknown');
    });
  });
}

async function detect(paths: MediaToolPaths): Promise<MediaTools> {
  const ffmpegBin = paths.ffmpegPath || 'ffmpeg';
  const ffprobeBin = paths.ffprobePath || 'ffprobe';
  const [ffmpegVersion, ffprobeVersion] = await Promise.all([readVersion(ffmpegBin, 'ffmpeg'), readVersion(ffprobeBin, 'ffprobe')]);
  return {
    ffmpeg: ffmpegVersion === null ? null : ffmpegBin,
    ffprobe: ffprobeVersion === null ? null : ffprobeBin,
    version: ffmpegVersion ?? ffprobeVersion,
  };
}

/**
 * Finds ffmpeg and ffprobe: the given paths (the caller reads FFMPEG_PATH / FFPROBE_PATH from its
 * env), else the names on PATH. Each is verified by running `-version`; a missing or broken binary
 * is null. Cached per process and per override; never throws.
 */
export function findMediaTools(paths: MediaToolPaths = {}): Promise<MediaTools> {
  const key = `${paths.ffmpegPath ?? ''}\0${paths.ffprobePath ?? ''}`;
  let found = cache.get(key);
  if (!found) {
    found = detect(paths).catch(() => ({ ffmpeg: null, ffprobe: null, version: null }));
    cache.set(key, found);
  }
  return found;
}

/** Drops the cache, for tests and for a health check that wants a fresh look after an install. */
export function resetMediaToolsCache(): void {
  cache.clear();
}
