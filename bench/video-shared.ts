// Shared by the video benchmarks (bench/video-upload.ts, bench/video-processing.ts): an embedded S3
// server in its own process (so that the client being measured, whether
// the bench's own SDK calls or a browser, never shares an event loop with the server), free-space
// checks, and CPU accounting per process group.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { root } from '../scripts/lib/runtime.mjs';
import { spawnServer, type Env, type Server } from './processes';
import { fmt, inheritedEnv } from './shared';

// The common bootstrap (throwaway PostgreSQL, build, temporary folder, formatting) lives in ./shared.
export * from './shared';

/** "2GB", "500MB", "1.5G" (decimal: 10^9), "2GiB", "512MiB" (binary), or plain bytes. */
export function parseBytes(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)(b?)\s*$/i.exec(text);
  if (!m) throw new Error(`"${text}" is not a size; use e.g. 2GB, 500MB or 2GiB`);
  const power = ' kmgt'.indexOf((m[2] || ' ').toLowerCase());
  return Math.round(Number(m[1]) * (m[3] ? 1024 : 1000) ** power);
}

/** Fails before any work when the folder's file system has less than `bytes` free. */
export function requireFreeSpace(dir: string, bytes: number, what: string) {
  const s = fs.statfsSync(dir);
  const free = s.bavail * s.bsize;
  if (free < bytes) throw new Error(`${what} needs ${fmt(bytes / 1e9, 1)} GB free under ${dir}; only ${fmt(free / 1e9, 1)} GB are. Free some space or pass a smaller size.`);
  return free;
}

/** Writes dirty pages to disk, so that one run does not pay for the previous run's write-back. */
export async function settleDisk() {
  try {
    execFileSync('sync');
  } catch {
    /* not on this system */
  }
  await sleep(2_000);
}

export type S3Info = { endpoint: string; port: number; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

// The child: scripts/lib/embedded-s3.mjs as `npm start` and `npm test` run it, until SIGTERM.
const S3_CHILD = `
const { startEmbeddedS3 } = await import(process.env.BENCH_S3_MODULE);
const s3 = await startEmbeddedS3({ dataDir: process.env.BENCH_S3_DIR, port: 0, corsOrigins: JSON.parse(process.env.BENCH_S3_CORS) });
console.log('BENCH_S3_READY ' + JSON.stringify(s3));
process.once('SIGTERM', () => s3.stop().finally(() => process.exit(0)));
`;

/** Starts the embedded S3 server in its own process (data under `dir`); resolves once it listens. */
export async function startS3Process(dir: string, corsOrigins: string[], logFile: string): Promise<{ server: Server; s3: S3Info }> {
  const env: Env = {
    ...inheritedEnv(),
    BENCH_S3_MODULE: pathToFileURL(path.join(root, 'scripts', 'lib', 'embedded-s3.mjs')).href,
    BENCH_S3_DIR: dir,
    BENCH_S3_CORS: JSON.stringify(corsOrigins),
  };
  const server = spawnServer('embedded S3', ['--input-type=module', '-e', S3_CHILD], env, logFile);
  const deadline = performance.now() + 30_000;
  for (;;) {
    const m = /BENCH_S3_READY (\{.*\})/.exec(server.tail());
    if (m) return { server, s3: JSON.parse(m[1]!) as S3Info };
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`the embedded S3 server exited before it listened:\n${server.tail()}`);
    if (performance.now() > deadline) throw new Error(`the embedded S3 server did not start in 30 s:\n${server.tail()}`);
    await sleep(50);
  }
}

/** The S3_* variables that point the app (or a storage client) at `s3`. */
export const s3Env = (s3: S3Info): Env => ({
  S3_ENDPOINT: s3.endpoint,
  S3_REGION: s3.region,
  S3_BUCKET: s3.bucket,
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  S3_FORCE_PATH_STYLE: 'true',
});

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) used so far by every live process in process group `pgid` (Linux; 0 elsewhere). */
export function groupCpuSeconds(pgid: number | undefined): number {
  if (!pgid || process.platform !== 'linux') return 0;
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces): state ppid pgrp … utime(14) stime(15).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** The process group of the Chromium that Playwright launched from this process (Playwright starts it detached). */
export function chromiumGroup(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === process.pid && /chrom/i.test(comm)) return Number(f[2]);
    } catch {
      /* exited meanwhile */
    }
  }
  return undefined;
}

/** CPU use of several process groups (and this process) over a window, as % of one core. */
export function cpuMeter(groups: Record<string, number | undefined>) {
  const t0 = performance.now();
  const self0 = process.cpuUsage();
  const start = Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, groupCpuSeconds(g)]));
  return () => {
    const wall = (performance.now() - t0) / 1000;
    const self = process.cpuUsage(self0);
    const out: Record<string, number> = {};
    for (const [k, g] of Object.entries(groups)) out[k] = (100 * (groupCpuSeconds(g) - start[k]!)) / wall;
    out.bench = (100 * (self.user + self.system)) / 1e6 / wall;
    return out;
  };
}
