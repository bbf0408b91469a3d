import fs from 'node:fs';
import path from 'node:path';
import { needsBuild } from '../scripts/lib/build.mjs';
import { nextBin, root } from '../scripts/lib/runtime.mjs';
import { runNode, type Env } from './processes';

// `next build` into another dist dir rewrites two files outside it: it adds `<distDir>/types/**`
// to tsconfig.json's include list and points next-env.d.ts at `<distDir>/types`. The bench's
// build is private, so those edits are undone afterwards (only when nothing else changed them).
const tsconfigPath = path.join(root, 'tsconfig.json');
const nextEnvPath = path.join(root, 'next-env.d.ts');

const read = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : null);

function undoTsconfigEdit(before: string | null, distDir: string): string | null {
  const now = read(tsconfigPath);
  if (before === null || now === null || now === before) return null;
  try {
    const parsed = JSON.parse(now) as { include?: unknown };
    if (Array.isArray(parsed.include)) parsed.include = parsed.include.filter((p) => !(typeof p === 'string' && p.startsWith(`${distDir}/`)));
    if (JSON.stringify(parsed) === JSON.stringify(JSON.parse(before))) {
      fs.writeFileSync(tsconfigPath, before);
      return null;
    }
  } catch {
    /* comments or a half-written file: leave it to a person */
  }
  return `tsconfig.json changed during the build in ways other than ${distDir}/types paths; left as it is.`;
}

/** Builds into `distDir` when it has no build or a source is newer; returns the build's seconds, or null when it was current. */
export async function buildIfNeeded(distDir: string, env: Env): Promise<{ seconds: number | null; notes: string[] }> {
  if (!needsBuild(distDir)) return { seconds: null, notes: [] };
  const before = { tsconfig: read(tsconfigPath), nextEnv: read(nextEnvPath) };
  const started = performance.now();
  const notes: string[] = [];
  try {
    await runNode([nextBin, 'build'], { ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' });
  } finally {
    const note = undoTsconfigEdit(before.tsconfig, distDir);
    if (note) notes.push(note);
    // Generated and gitignored; restored so a developer's type check keeps using their own build.
    if (before.nextEnv !== null && read(nextEnvPath) !== before.nextEnv) fs.writeFileSync(nextEnvPath, before.nextEnv);
  }
  return { seconds: (performance.now() - started) / 1000, notes };
}
