// Server time of the outline move (lib/outline/mutations.ts `moveLessons`: lock, version check,
// shape read, planned diff, one UPDATE, undo log, audit) on a 50 × 40 course vs a 2 × 5 course,
// 500 random moves each, in one run against a throwaway PostgreSQL.
// Run: npx tsx --conditions=react-server bench/outline-move.ts   (also part of `npm run bench`)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-pg.mjs';

const MOVES = 500;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export async function benchOutlineMoves() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-move-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, persistent: false, database: 'bench_move' });
  try {
    process.env.DATABASE_URL = pg.url;
    process.env.AUTH_SECRET ??= crypto.randomBytes(32).toString('base64url');
    process.env.LOG_LEVEL = 'silent';
    const { runMigrations } = await import('../db/migrate');
    await runMigrations(pg.url);
    const { db, sql } = await import('../db/client');
    const { createCourse, createUser } = await import('../db/factories');
    const { moveLessons } = await import('../lib/outline/mutations');
    const user = await createUser(db, { role: 'author' });
    const actor = { id: user.id, email: user.email, name: user.name, role: user.role };

    const run = async (modules: number, perModule: number) => {
      const course = await createCourse(db, { ownerId: user.id, modules, lessonsPerModule: perModule });
      // Track the layout locally so every move is valid (the server still computes everything).
      const shape = course.modules.map((m) => ({ id: m.id, lessonIds: [...m.lessonIds] }));
      let version = 0;
      let seed = 1;
      const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
      const times: number[] = [];
      for (let i = 0; i < MOVES + 20; i++) {
        const from = shape[rnd(shape.length)]!;
        if (!from.lessonIds.length) continue;
        const lessonId = from.lessonIds.splice(rnd(from.lessonIds.length), 1)[0]!;
        const to = shape[rnd(shape.length)]!;
        const toIndex = rnd(to.lessonIds.length + 1);
        to.lessonIds.splice(toIndex, 0, lessonId);
        const t0 = performance.now();
        const r = await moveLessons(actor, { courseId: course.id, lessonIds: [lessonId], toModuleId: to.id, toIndex, expectedVersion: version }, {});
        const ms = performance.now() - t0;
        version = r.version;
        if (i >= 20) times.push(ms); // the first 20 warm up caches and JIT
      }
      return { p50: pct(times, 50), p95: pct(times, 95), n: times.length };
    };
    const small = await run(2, 5);
    const big = await run(50, 40);
    await sql.end();
    return { small, big };
  } finally {
    await pg.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { small, big } = await benchOutlineMoves();
  const f = (n: number) => n.toFixed(1);
  console.log(`| outline move, server time (${small.n} moves) | 50 × 40 course | 2 × 5 course | ratio |`);
  console.log('|---|---:|---:|---:|');
  console.log(`| p50 | ${f(big.p50)} ms | ${f(small.p50)} ms | ${(big.p50 / small.p50).toFixed(2)}× |`);
  console.log(`| p95 | ${f(big.p95)} ms | ${f(small.p95)} ms | ${(big.p95 / small.p95).toFixed(2)}× |`);
}
