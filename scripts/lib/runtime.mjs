// Shared by start, with-db and test: where data lives, the generated secret, the running-instance lock.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const dataDir = path.resolve(root, process.env.DATA_DIR || '.data');
export const lockFile = path.join(dataDir, 'lectern.lock.json');

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** The running instance that owns the data folder, if any: { pid, port, databaseUrl }. */
export function runningInstance() {
  try {
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    return lock.pid && isAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

export function writeLock(info) {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, ...info }, null, 2));
}

export function removeLock() {
  try {
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    if (lock.pid === process.pid) fs.unlinkSync(lockFile);
  } catch {
    /* already gone */
  }
}

/** AUTH_SECRET from the environment, or one generated once and kept under the data folder. */
export function authSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Runs a command to completion, inheriting stdio; rejects with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(Object.assign(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`), { code })),
    );
    child.on('error', reject);
  });
}

export const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
// Scripts run TypeScript through tsx; the react-server condition makes `server-only` a no-op there.
export const tsNode = ['--conditions=react-server', '--import', 'tsx'];
