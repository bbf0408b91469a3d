import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort as pickPort } from '../scripts/lib/embedded-pg.mjs';
import { root } from '../scripts/lib/runtime.mjs';

// Servers run in their own process group (`detached`), so stopping one also stops what it
// started (a `next start` under scripts/start.mjs, the embedded PostgreSQL under that).

/** A child's environment. Not `NodeJS.ProcessEnv`: Next's types make NODE_ENV required there. */
export type Env = Record<string, string | undefined>;

export type Server = {
  name: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  exited: Promise<number | null>;
  /** The last few kilobytes of the server's stdout and stderr, for error messages. */
  tail: () => string;
  /** True once the output matched the `watchFor` pattern given to spawnServer. */
  sawWatched: () => boolean;
};

const live = new Set<Server>();

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is already gone */
  }
}

// Last resort when the bench exits without running its cleanup (an uncaught error, process.exit).
process.on('exit', () => {
  for (const s of live) if (s.child.pid) signalGroup(s.child.pid, 'SIGKILL');
});

export async function freePort(): Promise<number> {
  // Ephemeral ports only: 3000 and 3100 belong to developers' servers.
  return Number(await pickPort(0));
}

/** Spawns a long-running server in its own process group; its output goes to `logFile`. */
export function spawnServer(name: string, args: string[], env: Env, logFile: string, opts: { watchFor?: RegExp } = {}): Server {
  const child = spawn(process.execPath, args, { cwd: root, env: env as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(logFile);
  let tail = '';
  let saw = false;
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    // Matched against the recent tail, so a line split across two chunks is still seen.
    tail = (tail + chunk.toString('utf8')).slice(-4000);
    if (opts.watchFor && !saw) saw = opts.watchFor.test(tail);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const server: Server = {
    name,
    child,
    exited: new Promise((resolve) => {
      child.once('exit', (code) => {
        live.delete(server);
        log.end();
        resolve(code);
      });
      child.once('error', () => resolve(null));
    }),
    tail: () => tail,
    sawWatched: () => saw,
  };
  live.add(server);
  return server;
}

/**
 * Stops a server and everything in its process group. `leaderOnly` sends SIGTERM to the leader
 * alone, as Ctrl-C in a terminal would reach a script that stops its own children in order
 * (scripts/start.mjs stops `next start`, then PostgreSQL).
 */
export async function stopServer(s: Server, opts: { leaderOnly?: boolean; timeoutMs?: number } = {}) {
  const pid = s.child.pid;
  if (!pid) return;
  if (s.child.exitCode === null && s.child.signalCode === null) {
    if (opts.leaderOnly) s.child.kill('SIGTERM');
    else signalGroup(pid, 'SIGTERM');
    await Promise.race([s.exited, sleep(opts.timeoutMs ?? 20_000)]);
  }
  // Whatever is left in the group (a child that ignored SIGTERM, or the leader itself).
  signalGroup(pid, 'SIGKILL');
  await Promise.race([s.exited, sleep(2_000)]);
  live.delete(s);
}

export async function stopAll() {
  await Promise.all([...live].map((s) => stopServer(s)));
}

/**
 * Polls `url` until it answers 200 and returns `performance.now()` at that moment.
 * Fails early when the server exits, or (with `abortOnWatched`) when it printed its `watchFor` pattern.
 */
export async function waitFor200(url: string, server: Server, opts: { timeoutMs?: number; abortOnWatched?: boolean } = {}): Promise<number> {
  const deadline = performance.now() + (opts.timeoutMs ?? 120_000);
  let lastStatus = 'no answer';
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`${server.name} exited (${server.child.exitCode ?? server.child.signalCode}) before ${url} answered 200. Its last output:\n${server.tail()}`);
    }
    if (opts.abortOnWatched && server.sawWatched()) {
      throw new Error(`${server.name} printed what the bench watches for. Its last output:\n${server.tail()}`);
    }
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now();
      lastStatus = `HTTP ${res.status}`;
    } catch (e) {
      lastStatus = e instanceof Error ? ((e.cause as { code?: string } | undefined)?.code ?? e.message) : String(e);
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer 200 in time (last: ${lastStatus}). ${server.name}'s last output:\n${server.tail()}`);
    await sleep(25);
  }
}

/** Runs a Node script to completion; `quiet` keeps its output unless it fails. */
export function runNode(args: string[], env: Env, opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: env as NodeJS.ProcessEnv, stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out = (out + c.toString('utf8')).slice(-4000)));
    child.stderr?.on('data', (c: Buffer) => (out = (out + c.toString('utf8')).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited with ${code ?? signal}${out ? `:\n${out}` : ''}`)),
    );
  });
}
