// The course builder page on a 50 × 40 course (2,000 lessons) vs an empty one and a 2 × 3 one:
// (1) server render time of /courses/<id>/outline, median of 20 signed-in GETs;
// (2) drop → repaint in Chromium: 30 keyboard moves (focus handle, Space, ArrowDown, Space), p50/p95
//     of window.__lecternLastDropMs (drop event → first animation frame after the optimistic commit).
// An empty course has nothing to drag, so drops compare against the 2 × 3 course.
// Runs on a throwaway PostgreSQL and the private .next-bench build (built when sources changed).
// Run: npx tsx --conditions=react-server bench/outline.ts
import { chromium, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../db/factory';
import { createCourse, createUser } from '../db/factories';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-pg.mjs';
import { nextBin, root, tsNode } from '../scripts/lib/runtime.mjs';
import { buildIfNeeded } from './build';
import { freePort, runNode, spawnServer, stopAll, stopServer, waitFor200, type Env } from './processes';
import { signInCookieHeader } from './sign-in';

const DIST_DIR = '.next-bench';
const GETS = 20;
const MOVES = 30;
const dropped = new Set(['DATABASE_URL', 'AUTH_SECRET', 'APP_URL', 'PORT', 'DATA_DIR', 'NEXT_DIST_DIR', 'EMBEDDED_PG_PORT', 'NODE_ENV']);
const inherited: Env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !dropped.has(k)));
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const median = (xs: number[]) => pct(xs, 50);
const step = (msg: string) => console.log(`▶ ${msg}`);

async function serverRender(url: string, cookie: string) {
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    return { ms: performance.now() - t0, bytes: Buffer.byteLength(body) };
  };
  for (let i = 0; i < 3; i++) await once(); // warm-up: compile caches, DB pool
  const runs: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < GETS; i++) runs.push(await once());
  return { medianMs: median(runs.map((r) => r.ms)), bytes: runs[0]!.bytes };
}

async function drops(page: Page, base: string, courseId: string) {
  const t0 = performance.now();
  await page.goto(`${base}/courses/${courseId}/outline`);
  await page.locator('[data-testid=outline-editor][data-ready]').waitFor({ timeout: 120_000 });
  const readyMs = performance.now() - t0;
  const handles = page.locator('[data-lesson-row] button[aria-label^="Drag lesson"]');
  const count = await handles.count();
  const times: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    const before = await page.evaluate(() => window.__lecternDrops ?? 0);
    // Spread the moves over the outline; each moves a lesson one place down.
    const handle = handles.nth((i * 7919) % Math.max(1, count - 1));
    await handle.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(150);
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(150);
    await page.keyboard.press('Space');
    await page.waitForFunction((n) => (window.__lecternDrops ?? 0) > n, before);
    times.push(await page.evaluate(() => window.__lecternLastDropMs!));
    await page.getByTestId('save-status').getByText('All changes saved').waitFor();
  }
  return { readyMs, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times) };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-outline-'));
  fs.chmodSync(tmp, 0o755);
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  const cleanup = async () => {
    await stopAll();
    if (pg) await pg.stop().catch(() => {});
    pg = null;
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    step('starting a throwaway PostgreSQL');
    pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), persistent: false, fsync: false, database: 'lectern_bench_outline' });
    const databaseUrl = pg.url;
    await runNode([...tsNode, 'db/migrate.ts'], { ...inherited, DATABASE_URL: databaseUrl }, { quiet: true });

    step(`production build in ${DIST_DIR} (only when sources changed)`);
    const build = await buildIfNeeded(DIST_DIR, { ...inherited, DATABASE_URL: databaseUrl });
    console.log(build.seconds === null ? '  current, not rebuilt' : `  built in ${Math.round(build.seconds)} s`);

    const port = await freePort();
    const base = `http://localhost:${port}`;
    const env: Env = {
      ...inherited,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
      APP_URL: base,
      AUTH_TRUST_HOST: 'true',
      NODE_ENV: 'production',
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
    };
    step(`next start on ${base}`);
    fs.mkdirSync(path.join(root, 'bench', 'results', 'logs'), { recursive: true });
    const server = spawnServer('next start (outline)', [nextBin, 'start', '-p', String(port)], env, path.join(root, 'bench', 'results', 'logs', 'outline-server.log'));
    await waitFor200(`${base}/login`, server);

    step('seeding: an author with a 50 × 40 course, a 2 × 3 course and an empty one');
    const { db, sql } = createDb(databaseUrl, { max: 2 });
    const author = await createUser(db, { role: 'author' });
    const big = await createCourse(db, { ownerId: author.id, modules: 50, lessonsPerModule: 40, title: 'Big course' });
    const small = await createCourse(db, { ownerId: author.id, modules: 2, lessonsPerModule: 3, title: 'Small course' });
    const empty = await createCourse(db, { ownerId: author.id, title: 'Empty course' });
    await sql.end();
    const cookie = await signInCookieHeader(base, author);

    step(`server render: median of ${GETS} GETs each`);
    const ssr = {
      big: await serverRender(`${base}/courses/${big.id}/outline`, cookie),
      empty: await serverRender(`${base}/courses/${empty.id}/outline`, cookie),
      small: await serverRender(`${base}/courses/${small.id}/outline`, cookie),
    };

    step(`drop → repaint: ${MOVES} keyboard moves each in Chromium`);
    const browser = await chromium.launch({ executablePath: systemChromium, args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'] });
    let dropBig: Awaited<ReturnType<typeof drops>>;
    let dropSmall: Awaited<ReturnType<typeof drops>>;
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies(cookie.split('; ').map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1), url: base })));
      const page = await context.newPage();
      dropBig = await drops(page, base, big.id);
      dropSmall = await drops(page, base, small.id);
    } finally {
      await browser.close();
    }
    await stopServer(server);

    const f = (n: number) => n.toFixed(1);
    const r = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(`\n## Course builder, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load ${os.loadavg()[0]!.toFixed(2)})\n`);
    console.log('| metric | 50 × 40 course | empty course | 2 × 3 course | big / empty | big / 2 × 3 |');
    console.log('|---|---:|---:|---:|---:|---:|');
    console.log(`| server render, median of ${GETS} GETs (ms) | ${f(ssr.big.medianMs)} | ${f(ssr.empty.medianMs)} | ${f(ssr.small.medianMs)} | ${r(ssr.big.medianMs, ssr.empty.medianMs)} | ${r(ssr.big.medianMs, ssr.small.medianMs)} |`);
    console.log(`| HTML size (kB) | ${f(ssr.big.bytes / 1024)} | ${f(ssr.empty.bytes / 1024)} | ${f(ssr.small.bytes / 1024)} | ${r(ssr.big.bytes, ssr.empty.bytes)} | ${r(ssr.big.bytes, ssr.small.bytes)} |`);
    console.log(`| navigation → editor hydrated (ms) | ${f(dropBig.readyMs)} | – | ${f(dropSmall.readyMs)} | – | ${r(dropBig.readyMs, dropSmall.readyMs)} |`);
    console.log(`| drop → repaint p50, ${MOVES} keyboard moves (ms) | ${f(dropBig.p50)} | – | ${f(dropSmall.p50)} | – | ${r(dropBig.p50, dropSmall.p50)} |`);
    console.log(`| drop → repaint p95 (ms) | ${f(dropBig.p95)} | – | ${f(dropSmall.p95)} | – | ${r(dropBig.p95, dropSmall.p95)} |`);
    console.log(`| drop → repaint max (ms) | ${f(dropBig.max)} | – | ${f(dropSmall.max)} | – | ${r(dropBig.max, dropSmall.max)} |`);
  } finally {
    await cleanup();
  }
}

await main();
