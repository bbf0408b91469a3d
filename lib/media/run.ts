import 'server-only';
import { spawn, type ChildProcess } from 'node:child_process';
import { MediaError } from './errors';

export type RunFfmpegOptions = {
  /** Length of the output timeline in seconds; without it no progress is reported. */
  durationSeconds?: number;
  /** Called with 0..1, at most every PROGRESS_INTERVAL_MS, and once with 1 on success. */
  onProgress?: (fraction: number) => void;
  /** Aborting SIGKILLs ffmpeg; the promise then rejects with MediaError ABORTED once the child is gone. */
  signal?: AbortSignal;
};

const PROGRESS_INTERVAL_MS = 500;
const STDERR_TAIL_CHARS = 8192;

// Children still running, so that a worker which calls process.exit() (e.g. from its SIGTERM
// handler) does not leave encoders behind. 'exit' handlers may only do synchronous work; kill() is.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function trackChild(child: ChildProcess) {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of running) c.kill('SIGKILL');
    });
  }
  running.add(child);
  child.once('close', () => running.delete(child));
}

// How a child is tied to our lifetime:
// - It is spawned without `detached`, so it stays in our process group: Ctrl-C in a terminal, a
//   group kill, systemd's control-group kill and `docker stop` reach it together with us.
// - A SIGKILL aimed at the Node process alone would orphan it, and ffmpeg ignores the broken
//   progress pipe and keeps encoding. On Linux we therefore exec it through util-linux `setpriv
//   --pdeathsig KILL`, which makes the kernel kill it when its parent dies. Note that the "parent"
//   is the thread that spawned it: run media jobs on the main thread or accept that ending a
//   worker_thread ends its encodes.
let pdeathsigWrapper: Promise<boolean> | null = null;
function hasPdeathsigWrapper(): Promise<boolean> {
  if (process.platform !== 'linux') return Promise.resolve(false);
  pdeathsigWrapper ??= new Promise((resolve) => {
    try {
      const probe = spawn('setpriv', ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore' });
      probe.on('error', () => resolve(false));
      probe.on('close', (code) => resolve(code === 0));
    } catch {
      resolve(false);
    }
  });
  return pdeathsigWrapper;
}

const abortedError = () => new MediaError('ABORTED', 'Video processing was cancelled.');
const missingError = (bin: string, cause?: unknown) =>
  new MediaError('FFMPEG_MISSING', `ffmpeg could not be started (${bin}); check that it is installed or set FFMPEG_PATH.`, { cause });

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

/**
 * Runs ffmpeg with `args` (inputs, filters, outputs; include `-y` to overwrite) and resolves when it
 * exits 0. The caller has resolved `bin` (see findMediaTools) and owns the output paths.
 */
export async function runFfmpeg(bin: string, args: readonly string[], opts: RunFfmpegOptions = {}): Promise<void> {
  const { durationSeconds, onProgress, signal } = opts;
  if (signal?.aborted) throw abortedError();
  // -nostdin: ffmpeg otherwise reads keyboard commands from stdin, and a background process that
  // touches the terminal is stopped with SIGTTIN.
  const ffArgs = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-progress', 'pipe:1', ...args];
  const wrapped = await hasPdeathsigWrapper();
  if (signal?.aborted) throw abortedError();

  return new Promise<void>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = wrapped
        ? spawn('setpriv', ['--pdeathsig', 'KILL', '--', bin, ...ffArgs], { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(bin, ffArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      reject(missingError(bin, e));
      return;
    }
    trackChild(child);

    let stderr = '';
    let spawnError: unknown = null;
    let aborted = false;
    let lastEmit = 0;
    let lastFraction = -1;
    let pending = '';
    let outTimeUs: number | null = null;

    const emit = (fraction: number, force: boolean) => {
      if (!onProgress) return;
      const now = Date.now();
      if (!force && now - lastEmit < PROGRESS_INTERVAL_MS) return;
      if (fraction === lastFraction) return;
      lastEmit = now;
      lastFraction = fraction;
      try {
        onProgress(fraction);
      } catch {
        // A throwing progress callback must not take the encode down with it.
      }
    };

    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        const eq = line.indexOf('=');
        if (eq < 0) continue;
        const key = line.slice(0, eq);
        const value = line.slice(eq + 1);
        // ffmpeg 5.1 prints out_time_ms in microseconds too (a long-standing naming bug), so both
        // keys are read as microseconds; out_time_us is preferred when present.
        if (key === 'out_time_us' || (key === 'out_time_ms' && outTimeUs === null)) {
          const us = Number(value);
          if (Number.isFinite(us) && us >= 0) outTimeUs = us;
        } else if (key === 'progress' && durationSeconds && durationSeconds > 0 && outTimeUs !== null) {
          emit(Math.min(1, outTimeUs / 1e6 / durationSeconds), false);
          outTimeUs = null;
        }
      }
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });

    const onAbort = () => {
      aborted = true;
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', (e) => {
      spawnError = e;
    });
    // 'close' (not 'exit') so that the pipes are drained and the child is reaped before we settle.
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (aborted) return reject(abortedError());
      if (spawnError) return reject(missingError(bin, spawnError));
      if (code === 0) {
        if (durationSeconds && durationSeconds > 0) emit(1, true);
        return resolve();
      }
      // setpriv reports a binary it cannot exec with 127 and a message of its own.
      if (wrapped && code === 127 && /failed to execute/.test(stderr)) return reject(missingError(bin));
      const why = code === null ? `ffmpeg was killed by ${sig ?? 'a signal'}` : `ffmpeg exited with code ${code}`;
      const line = lastLine(stderr);
      reject(new MediaError('FAILED', line ? `${why}: ${line}` : `${why}.`, { detail: stderr }));
    });
  });
}
