// What a student's browser pays for a lesson page, on a production build:
// (1) JavaScript sent to the browser, gzip-compressed, for the video lesson and a text lesson of a
//     published course, signed in as an enrolled student: every script under /_next/ that Chromium
//     loads, split into "initial" (requested before the load event), "on demand" (after it, until
//     the network is idle) and, for the video lesson, "after play" (what pressing the player's Play
//     button loads: hls.js, until the video has its metadata and the network is idle again), each
//     chunk attributed to the client components whose chunk lists name it (the build's client
//     reference manifest) and to the libraries recognised in its text. The page view's figure is
//     initial + on demand; the watching figure adds "after play";
// (2) Lighthouse's performance score and metrics for the video lesson page, desktop and mobile
//     presets, each run 3 times (medians), in Debian's Chromium with the student's session cookie.
// The video is a synthetic 20 s 640×360 clip processed by the real pipeline (lib/videos/process.ts,
// in this process) into HLS in an embedded S3 server. Throwaway PostgreSQL, free ports, temporary
// folder; prints a markdown table and writes bench/results/lesson-page.json (the median Lighthouse
// reports go to bench/results/logs/).
// Run: npm run bench -- lesson-page [--runs 3] [--seconds 20]
import { chromium, type Response } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { createCourse, createUser, enroll } from '../db/factories';
import { lessons, videos } from '../db/schema';
import { partSizeFor } from '../lib/media/plan';
import { makeTestVideo } from '../lib/media/testing';
import { createStorage } from '../lib/storage/client';
import { videoSourceKey } from '../lib/videos/keys';
import { nextBin, root } from '../scripts/lib/runtime.mjs';
import { freePort, runNode, spawnServer, waitFor200, type Env } from './processes';
import { signInCookieHeader } from './sign-in';
import { chromiumLaunchOptions, currentBuild, errorText, fmt, inheritedEnv, logsDir, machineLine, resultsDir, s3Env, stamp, startS3Process, step, withBenchEnv } from './video-shared';

const JS_TARGET_KIB = 250;
const SCORE_TARGET = 90;
/** Lighthouse runs its own Chromium with these flags (as the brief for this bench asks). */
const LIGHTHOUSE_CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu';
const KiB = 1024;

// ── JavaScript sent to the browser ──

type Chunk = {
  url: string;
  phase: 'initial' | 'on demand' | 'after play';
  /** ms after navigation start that the request started (Resource Timing). */
  startMs: number;
  /** Bytes of the script as the browser runs it. */
  rawBytes: number;
  /** The body gzip-compressed with zlib level 9. */
  gzip9Bytes: number;
  /** The response body's size on the wire when the server compressed it (content-encoding), else null. */
  wireBytes: number | null;
  encoding: string | null;
  /** wireBytes when the server compressed it, else gzip9Bytes. */
  bytes: number;
  /** Client components (the build's client reference manifests) whose modules this chunk defines. */
  components: string[];
  /** Libraries recognised in the chunk's text. */
  libraries: string[];
};

type PageJs = {
  path: string;
  loadEventMs: number;
  chunks: Chunk[];
  initialBytes: number;
  onDemandBytes: number;
  /** The page view: initial + on demand. */
  totalBytes: number;
  /** Loaded by pressing Play (0 for a page without a player). */
  afterPlayBytes: number;
  totalRawBytes: number;
  /** What the page showed once the network was idle (the player's state for the video lesson). */
  settled: string;
  /** Everything else the page loaded until the network was idle: bytes on the wire (body) and requests, by kind. */
  other: Record<string, { bytes: number; requests: number }>;
};

// Text that survives minification and names the library a chunk holds. Checked in this order; a
// chunk may hold several.
const SIGNATURES: [string, RegExp][] = [
  ['hls.js', /hlsjs|MANIFEST_LOADING|bufferStalledError/],
  ['react-dom', /__reactContainer\$|react-dom|ReactDOM|Minified React error/],
  ['next router/runtime', /__next_f|next-router-state-tree|NEXT_REDIRECT|__NEXT_DATA__|next-action/],
  ['next-intl / use-intl', /IntlProvider|IntlError|INSUFFICIENT_PATH|ENVIRONMENT_FALLBACK/],
  ['next-themes', /next-themes|prefers-color-scheme/],
  ['sonner', /data-sonner-toaster|sonner-toast/],
  ['zod', /ZodError|_zod/],
  ['beat queue / reporter', /lectern-beats|BeatReporter|beatQueue|indexedDB/],
  ['dnd-kit', /DndContext|dnd-kit|useSortable/],
  ['tiptap / prosemirror', /ProseMirror|prosemirror|tiptap/],
  ['uppy', /Uppy|uppy-/],
];

type BuildMaps = {
  /** Turbopack module id → client component (or package) name, from the client reference manifests of the learn routes. */
  clientModules: Map<string, string>;
  /** Chunk file names every app route loads first (React, the Next runtime: build-manifest.json rootMainFiles). */
  rootMainFiles: Set<string>;
};

export function readBuildMaps(distDir: string): BuildMaps {
  const clientModules = new Map<string, string>();
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('client-reference-manifest.js') && full.includes(`${path.sep}learn${path.sep}`)) files.push(full);
    }
  };
  walk(path.join(root, distDir, 'server', 'app'));
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    let manifest: { clientModules?: Record<string, { id?: number | string }> };
    try {
      manifest = JSON.parse(text.slice(text.indexOf('= {') + 2, text.lastIndexOf('}') + 1)) as typeof manifest;
    } catch {
      continue; // another shape of manifest: attribution is a help, not a measure
    }
    for (const [key, mod] of Object.entries(manifest.clientModules ?? {})) {
      if (mod.id === undefined) continue;
      // "[project]/components/player/video-player.tsx <module evaluation>", or a path with "#Export".
      const name = key
        .replace(/^\[project\]\//, '')
        .replace(/ <.*>$/, '')
        .replace(/#.*$/, '')
        .replace(`${root}/`, '');
      clientModules.set(String(mod.id), name.includes('node_modules/') ? name.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+).*$/, '$1') : name);
    }
  }
  let rootMainFiles = new Set<string>();
  try {
    const m = JSON.parse(fs.readFileSync(path.join(root, distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles?: string[] };
    rootMainFiles = new Set((m.rootMainFiles ?? []).map((f) => path.basename(f)));
  } catch {
    /* attribution only */
  }
  return { clientModules, rootMainFiles };
}

/** Client components whose module a Turbopack chunk registers (`…,<id>,(e,t,r)=>{` or `…,<id>,e=>{`). */
export function componentsIn(text: string, maps: BuildMaps): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[,[](\d+),(?:\([\w$,]*\)|[\w$]+)=>/g)) {
    const name = maps.clientModules.get(m[1]!);
    if (name) found.add(name);
  }
  return [...found].sort();
}

const isScript = (r: Response) => {
  const u = new URL(r.url());
  return u.pathname.startsWith('/_next/') && (r.request().resourceType() === 'script' || u.pathname.endsWith('.js'));
};

async function measurePageJs(base: string, cookie: string, pagePath: string, maps: BuildMaps, opts: { waitFor?: 'player' }): Promise<PageJs> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    // A fresh context: nothing comes from the HTTP cache, so every script is transferred and counted.
    const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
    await context.addCookies(cookie.split('; ').map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1), url: base })));
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const responses: Promise<{ url: string; body: Buffer; encoding: string | null; wire: number }>[] = [];
    const others: Promise<{ kind: string; bytes: number }>[] = [];
    page.on('response', (r) => {
      if (!isScript(r)) {
        const type = r.request().resourceType();
        const kind = /\.(m4s|ts|mp4|m4a|aac)(\?|$)/.test(new URL(r.url()).pathname) ? 'video segments' : /\.m3u8(\?|$)|\/hls\//.test(r.url()) ? 'HLS playlists' : type;
        others.push(r.request().sizes().then((z) => ({ kind, bytes: z.responseBodySize }), () => ({ kind, bytes: 0 })));
        return;
      }
      responses.push(
        (async () => {
          const body = await r.body();
          const encoding = (await r.headerValue('content-encoding')) ?? null;
          const sizes = await r.request().sizes();
          return { url: r.url(), body, encoding, wire: sizes.responseBodySize };
        })(),
      );
    });
    const nav = await page.goto(`${base}${pagePath}`, { waitUntil: 'load' });
    if (!nav || nav.status() !== 200) throw new Error(`${pagePath} answered ${nav?.status() ?? 'nothing'}, expected 200`);
    if (new URL(page.url()).pathname !== pagePath) throw new Error(`${pagePath} redirected to ${page.url()}`);

    let settled = 'network idle';
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => (settled += '; network not idle after 30 s'));
    let playAtMs = Infinity;
    if (opts.waitFor === 'player') {
      // The page view is over; the viewer presses Play. The player attaches the stream (importing
      // hls.js) on that intent; "after play" is complete once the video has its metadata.
      const video = page.locator('[data-testid="video-player"] video');
      playAtMs = await page.evaluate(() => performance.now());
      await page.getByTestId('video-player').getByRole('button', { name: 'Play', exact: true }).first().click();
      await video
        .evaluate((v: HTMLVideoElement) => (v.readyState >= 1 ? null : new Promise((resolve) => v.addEventListener('loadedmetadata', resolve, { once: true }))), undefined, { timeout: 30_000 })
        .then(() => (settled += '; after Play the player has the stream (video readyState ≥ 1)'))
        .catch((e: unknown) => (settled += `; after Play the player did not get the stream in 30 s (${errorText(e).split('\n')[0]})`));
      await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => (settled += '; network not idle 30 s after Play'));
    }
    if (pageErrors.length) settled += `; page errors: ${pageErrors.join(' | ')}`;

    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const starts: Record<string, number> = {};
      for (const e of performance.getEntriesByType('resource')) if (!(e.name in starts)) starts[e.name] = e.startTime;
      return { loadEventMs: nav?.loadEventStart ?? NaN, starts };
    });
    const got = await Promise.all(responses);
    const seen = new Set<string>();
    const chunks: Chunk[] = [];
    for (const r of got) {
      if (seen.has(r.url)) continue;
      seen.add(r.url);
      const startMs = timing.starts[r.url] ?? Infinity;
      const gzip9Bytes = gzipSync(r.body, { level: 9 }).length;
      const compressed = r.encoding !== null && r.encoding !== 'identity';
      const text = r.body.toString('utf8');
      const file = path.basename(new URL(r.url).pathname);
      chunks.push({
        url: new URL(r.url).pathname,
        phase: startMs < timing.loadEventMs ? 'initial' : startMs < playAtMs ? 'on demand' : 'after play',
        startMs: Math.round(startMs),
        rawBytes: r.body.length,
        gzip9Bytes,
        wireBytes: compressed ? r.wire : null,
        encoding: r.encoding,
        bytes: compressed ? r.wire : gzip9Bytes,
        components: [...(maps.rootMainFiles.has(file) ? ['(rootMainFiles: React, Next runtime)'] : []), ...componentsIn(text, maps)],
        libraries: SIGNATURES.filter(([, re]) => re.test(text)).map(([name]) => name),
      });
    }
    chunks.sort((a, b) => b.bytes - a.bytes);
    const sum = (xs: Chunk[], f: (c: Chunk) => number = (c) => c.bytes) => xs.reduce((n, c) => n + f(c), 0);
    const initialBytes = sum(chunks.filter((c) => c.phase === 'initial'));
    const onDemandBytes = sum(chunks.filter((c) => c.phase === 'on demand'));
    const afterPlayBytes = sum(chunks.filter((c) => c.phase === 'after play'));
    const other: PageJs['other'] = {};
    for (const o of await Promise.all(others)) {
      const k = (other[o.kind] ??= { bytes: 0, requests: 0 });
      k.bytes += o.bytes;
      k.requests++;
    }
    return { path: pagePath, loadEventMs: Math.round(timing.loadEventMs), chunks, initialBytes, onDemandBytes, totalBytes: initialBytes + onDemandBytes, afterPlayBytes, totalRawBytes: sum(chunks, (c) => c.rawBytes), settled, other };
  } finally {
    await browser.close();
  }
}

// ── Lighthouse ──

export type Preset = 'desktop' | 'mobile';
type LighthouseRun = {
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  siMs: number;
  ttiMs: number;
  /** Lighthouse's measure of this machine's CPU at the time (higher is faster; its throttling assumes a fast desktop). */
  benchmarkIndex: number;
  reportFile: string;
};
export type LighthouseSummary = {
  preset: Preset;
  runs: LighthouseRun[];
  median: Omit<LighthouseRun, 'reportFile'>;
  /** From the run with the median score. */
  findings: { lcpElement: string | null; lcpPhases: Record<string, number>; opportunities: { id: string; title: string; savingsMs?: number; savingsBytes?: number }[]; bootup: { url: string; scriptingMs: number; totalMs: number }[]; unusedJsBytes: number | null; reportFile: string };
};

type Audit = { score: number | null; numericValue?: number; title: string; details?: { type?: string; items?: Record<string, unknown>[]; overallSavingsMs?: number; overallSavingsBytes?: number } };
type Lhr = {
  categories: { performance: { score: number | null } };
  audits: Record<string, Audit>;
  finalDisplayedUrl?: string;
  environment?: { benchmarkIndex?: number };
  runtimeError?: { code: string; message: string };
  runWarnings?: string[];
};

export const lighthouseCli = path.join(root, 'node_modules', 'lighthouse', 'cli', 'index.js');

/**
 * How Lighthouse slows the page down. `simulate` (its default) loads at full speed and predicts the
 * metrics with CPU tasks × 4 and a modelled network: on a slow, busy machine it also multiplies that
 * machine's slowness. `devtools` applies 4× CPU and network throttling in Chromium while it loads.
 */
export type Throttling = 'simulate' | 'devtools';

async function lighthouseOnce(url: string, cookie: string, preset: Preset, reportFile: string, throttling: Throttling = 'simulate'): Promise<{ run: LighthouseRun; lhr: Lhr }> {
  const args = [
    lighthouseCli,
    url,
    '--output=json',
    `--output-path=${reportFile}`,
    '--only-categories=performance',
    `--chrome-flags=${LIGHTHOUSE_CHROME_FLAGS}`,
    // The session cookie on every request of the audit (Lighthouse does not clear cookies).
    `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
    '--quiet',
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ...(throttling === 'devtools' ? ['--throttling-method=devtools'] : []),
  ];
  await runNode(args, { ...inheritedEnv(), CHROME_PATH: chromiumLaunchOptions.executablePath }, { quiet: true });
  const lhr = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse (${preset}): ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const n = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const score = lhr.categories.performance.score;
  if (score === null) throw new Error(`Lighthouse (${preset}) gave no performance score${lhr.runWarnings?.length ? `: ${lhr.runWarnings.join('; ')}` : ''}`);
  // A lost session would audit the login page instead.
  if (lhr.finalDisplayedUrl && new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`Lighthouse (${preset}) ended on ${lhr.finalDisplayedUrl}, not ${url}: the session cookie was not accepted`);
  return {
    lhr,
    run: { score: Math.round(score * 100), fcpMs: n('first-contentful-paint'), lcpMs: n('largest-contentful-paint'), tbtMs: n('total-blocking-time'), cls: n('cumulative-layout-shift'), siMs: n('speed-index'), ttiMs: n('interactive'), benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN, reportFile },
  };
}

const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The parts of a report that explain a score: the LCP element and its phases, the biggest savings, script CPU. */
function findingsOf(lhr: Lhr, reportFile: string): LighthouseSummary['findings'] {
  const items = (id: string) => lhr.audits[id]?.details?.items ?? [];
  // Lighthouse 12 puts the element and (in a second table) the LCP phases in one audit.
  let lcpElement: string | null = null;
  const lcpPhases: Record<string, number> = {};
  for (const item of items('largest-contentful-paint-element')) {
    const nested = (item as { items?: Record<string, unknown>[] }).items ?? [item];
    for (const row of nested) {
      const node = row.node as { snippet?: string; nodeLabel?: string } | undefined;
      if (node && !lcpElement) lcpElement = `${node.nodeLabel ?? ''} ${node.snippet ?? ''}`.trim();
      if (typeof row.phase === 'string' && typeof row.timing === 'number') lcpPhases[row.phase] = Math.round(row.timing);
    }
  }
  const opportunities = Object.entries(lhr.audits)
    .filter(([, a]) => a.details?.type === 'opportunity' && ((a.details.overallSavingsMs ?? 0) >= 50 || (a.details.overallSavingsBytes ?? 0) >= 10 * KiB))
    .map(([id, a]) => ({ id, title: a.title, savingsMs: a.details?.overallSavingsMs, savingsBytes: a.details?.overallSavingsBytes }))
    .sort((a, b) => (b.savingsMs ?? 0) - (a.savingsMs ?? 0) || (b.savingsBytes ?? 0) - (a.savingsBytes ?? 0));
  const bootup = items('bootup-time')
    .map((i) => ({ url: String(i.url ?? ''), scriptingMs: Math.round(Number(i.scripting ?? 0)), totalMs: Math.round(Number(i.total ?? 0)) }))
    .slice(0, 6);
  return { lcpElement, lcpPhases, opportunities, bootup, unusedJsBytes: lhr.audits['unused-javascript']?.details?.overallSavingsBytes ?? null, reportFile };
}

/** Lighthouse `runs` times on `url` with the session `cookie` (also used by bench/analytics.ts); reports go to logs/<name>-lighthouse-*.json. */
export async function lighthouse(url: string, cookie: string, preset: Preset, runs: number, name = 'lesson-page', throttling: Throttling = 'simulate'): Promise<LighthouseSummary> {
  const done: { run: LighthouseRun; lhr: Lhr }[] = [];
  for (let i = 1; i <= runs; i++) {
    const file = path.join(logsDir, `${name}-lighthouse-${preset}${throttling === 'simulate' ? '' : `-${throttling}`}-${i}.json`);
    const r = await lighthouseOnce(url, cookie, preset, file, throttling);
    done.push(r);
    const x = r.run;
    console.log(`  ${preset} run ${i}/${runs}: score ${x.score}, FCP ${fmt(x.fcpMs)} ms, LCP ${fmt(x.lcpMs)} ms, TBT ${fmt(x.tbtMs)} ms, CLS ${fmt(x.cls, 3)}; benchmarkIndex ${fmt(x.benchmarkIndex)}`);
  }
  const all = done.map((d) => d.run);
  const med = (f: (r: LighthouseRun) => number) => median(all.map(f));
  const byScore = [...done].sort((a, b) => a.run.score - b.run.score)[Math.floor(done.length / 2)]!;
  return {
    preset,
    runs: all,
    median: { score: med((r) => r.score), fcpMs: med((r) => r.fcpMs), lcpMs: med((r) => r.lcpMs), tbtMs: med((r) => r.tbtMs), cls: med((r) => r.cls), siMs: med((r) => r.siMs), ttiMs: med((r) => r.ttiMs), benchmarkIndex: med((r) => r.benchmarkIndex) },
    findings: findingsOf(byScore.lhr, byScore.run.reportFile),
  };
}

/** Lighthouse desktop, then mobile; a preset that fails adds to `errors` and is left out. */
export async function lighthousePresets(url: string, cookie: string, runs: number, what: string, name: string, errors: string[]): Promise<LighthouseSummary[]> {
  const out: LighthouseSummary[] = [];
  for (const preset of ['desktop', 'mobile'] as const) {
    step(`Lighthouse ${preset}, ${what}, ${runs} run(s)`);
    try {
      out.push(await lighthouse(url, cookie, preset, runs, name));
    } catch (e) {
      errors.push(`Lighthouse ${preset}: ${errorText(e)}`);
      console.error(`✖ ${errors.at(-1)}`);
    }
  }
  return out;
}

// ── report ──

const kib = (b: number) => fmt(b / KiB, 1);
const met = (ok: boolean) => (ok ? '✓ met' : '✖ not met');

function tables(js: PageJs[], lh: LighthouseSummary[]): string {
  const lines = ['| metric | value | target | met? |', '|---|---:|---:|---|'];
  for (const p of js) {
    const label = p === js[0] ? 'video lesson' : 'text lesson';
    lines.push(`| JS to the browser, ${label}, page view (KiB gzip) | **${kib(p.totalBytes)}** | ≤ ${JS_TARGET_KIB} | ${met(p.totalBytes <= JS_TARGET_KIB * KiB)} |`);
    lines.push(`| ↳ initial, requested before \`load\` (KiB gzip) | ${kib(p.initialBytes)} | – | – |`);
    lines.push(`| ↳ on demand, after \`load\` (KiB gzip) | ${kib(p.onDemandBytes)} | – | – |`);
    if (p === js[0]) lines.push(`| ↳ after pressing Play (KiB gzip); page view + play | ${kib(p.afterPlayBytes)}; **${kib(p.totalBytes + p.afterPlayBytes)}** | – | – |`);
    lines.push(`| ↳ uncompressed, all scripts (KiB) | ${kib(p.totalRawBytes)} | – | – |`);
  }
  for (const l of lh) {
    const m = l.median;
    lines.push(`| Lighthouse performance, video lesson, ${l.preset} (median of ${l.runs.length}) | **${fmt(m.score)}** | ≥ ${SCORE_TARGET} | ${met(m.score >= SCORE_TARGET)} |`);
    lines.push(`| ↳ ${l.preset}: FCP / LCP / TBT (ms), CLS | ${fmt(m.fcpMs)} / ${fmt(m.lcpMs)} / ${fmt(m.tbtMs)}, ${fmt(m.cls, 3)} | – | – |`);
    lines.push(`| ↳ ${l.preset}: Lighthouse benchmarkIndex of this machine (median; < 1,000 = slower CPU than Lighthouse expects) | ${fmt(m.benchmarkIndex)} | – | – |`);
  }
  return lines.join('\n');
}

function chunkTable(p: PageJs): string {
  const lines = [`| chunk | phase | started (ms) | gzip KiB | raw KiB | client components defined in it | libraries seen |`, '|---|---|---:|---:|---:|---|---|'];
  for (const c of p.chunks) {
    const comps = c.components.length > 4 ? `${c.components.slice(0, 4).join(', ')} +${c.components.length - 4}` : c.components.join(', ');
    lines.push(`| \`${path.basename(c.url)}\` | ${c.phase} | ${fmt(c.startMs)} | ${kib(c.bytes)} | ${kib(c.rawBytes)} | ${comps || '– (framework / runtime)'} | ${c.libraries.join(', ') || '–'} |`);
  }
  return lines.join('\n');
}

// ── setup ──

const TEXT_LESSON_HTML = [
  '<h2>What this lesson covers</h2>',
  '<p>Lectures, exercises and a short reading list. This paragraph stands in for the body of a text lesson, long enough to wrap across several lines on a phone and a laptop alike, so that the page lays out as a real one would.</p>',
  '<ul><li>Read the summary</li><li>Work through the examples</li><li>Mark the lesson complete</li></ul>',
  '<p>A second paragraph with <strong>bold</strong>, <em>emphasis</em> and <a href="https://example.com">a link</a>.</p>',
].join('');

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '3' }, seconds: { type: 'string', default: '20' } } });
  const runs = Number(values.runs);
  const seconds = Number(values.seconds);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number, at least 1');
  if (!Number.isInteger(seconds) || seconds < 5) throw new Error('--seconds must be a whole number of seconds, at least 5');
  if (!fs.existsSync(lighthouseCli)) throw new Error(`Lighthouse is not installed (${path.relative(root, lighthouseCli)} is missing); run npm install`);
  fs.mkdirSync(logsDir, { recursive: true });
  const startedAt = new Date();
  const errors: string[] = [];
  const notes: string[] = [];
  const js: PageJs[] = [];
  const lh: LighthouseSummary[] = [];
  let distDir = '';
  let urls: { video: string; text: string } | null = null;

  await withBenchEnv('lectern-bench-lesson-', async ({ tmp, servers, startPg, onCleanup }) => {
    try {
      const pg = await startPg('lectern_bench_lesson');
      const build = await currentBuild({ ...inheritedEnv(), DATABASE_URL: pg.url });
      distDir = build.distDir;
      notes.push(...build.notes);

      const port = await freePort();
      const base = `http://localhost:${port}`;
      step('starting the embedded S3 server in its own process');
      const s3 = await startS3Process(path.join(tmp, 's3'), [base], path.join(logsDir, 'lesson-page-s3.log'));
      servers.push(s3.server);
      const authSecret = crypto.randomBytes(32).toString('base64url');
      // The pipeline and the factories read their settings through lib/env.ts, so they are set before it is imported.
      Object.assign(process.env, { ...s3Env(s3.s3), DATABASE_URL: pg.url, AUTH_SECRET: authSecret, LOG_LEVEL: 'warn' });
      const { db, sql } = await import('../db/client');
      onCleanup(() => sql.end({ timeout: 5 }));
      const { processVideo } = await import('../lib/videos/process');
      const storage = createStorage({ bucket: s3.s3.bucket, region: s3.s3.region, accessKeyId: s3.s3.accessKeyId, secretAccessKey: s3.s3.secretAccessKey, endpoint: s3.s3.endpoint, forcePathStyle: true });

      step(`seeding: a published course with a video lesson (${seconds} s 640×360, processed by the real pipeline) and a text lesson; an enrolled student`);
      const author = await createUser(db, { role: 'author' });
      const student = await createUser(db);
      const course = await createCourse(db, { ownerId: author.id, status: 'published', modules: 1, lessonsPerModule: 2, lessonType: 'video', title: 'Lesson page bench' });
      const [videoLessonId, textLessonId] = course.modules[0]!.lessonIds as [string, string];
      await db.update(lessons).set({ title: 'Watching a lecture', completionRule: { kind: 'video_coverage', percent: 90 } }).where(eq(lessons.id, videoLessonId));
      await db.update(lessons).set({ title: 'Reading notes', type: 'text', contentHtml: TEXT_LESSON_HTML, completionRule: { kind: 'view' } }).where(eq(lessons.id, textLessonId));
      await enroll(db, course.id, student.id);

      const src = await makeTestVideo(path.join(tmp, 'lecture.mp4'), { seconds, width: 640, height: 360 });
      const size = fs.statSync(src).size;
      const videoId = crypto.randomUUID();
      const sourceKey = videoSourceKey(course.id, videoId);
      await storage.putStream(sourceKey, fs.createReadStream(src), { contentLength: size, contentType: 'video/mp4' });
      await db.insert(videos).values({ id: videoId, courseId: course.id, lessonId: videoLessonId, createdById: author.id, filename: 'lecture.mp4', contentType: 'video/mp4', size, sourceKey, partSize: partSizeFor(size), status: 'queued', uploadedAt: new Date() });
      const outcome = await processVideo(videoId, { storage });
      const row = await db.query.videos.findFirst({ where: eq(videos.id, videoId) });
      const lesson = await db.query.lessons.findFirst({ where: eq(lessons.id, videoLessonId) });
      if (outcome !== 'ready' || row?.status !== 'ready' || row.playback !== 'hls') throw new Error(`processing ended ${outcome}; the video is ${row?.status}/${row?.playback}${row?.errorMessage ? `: ${row.errorCode} ${row.errorMessage}` : ''}`);
      if (lesson?.videoId !== videoId) throw new Error('the processed video was not attached to its lesson');
      console.log(`  processed: ${row.renditions.map((r) => `${r.height}p`).join(' / ')}, poster ${row.posterKey ? 'yes' : 'no'}`);

      const env: Env = {
        ...inheritedEnv(),
        ...s3Env(s3.s3),
        DATABASE_URL: pg.url,
        AUTH_SECRET: authSecret,
        APP_URL: base,
        AUTH_TRUST_HOST: 'true',
        NODE_ENV: 'production',
        NEXT_DIST_DIR: build.distDir,
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: 'warn',
      };
      step(`next start (${build.distDir}) on ${base}`);
      const next = spawnServer('next start (lesson page)', [nextBin, 'start', '-p', String(port)], env, path.join(logsDir, 'lesson-page-server.log'));
      servers.push(next);
      await waitFor200(`${base}/login`, next);
      const cookie = await signInCookieHeader(base, student);
      urls = { video: `/learn/${course.slug}/${videoLessonId}`, text: `/learn/${course.slug}/${textLessonId}` };

      // Warm-up: the first request of each route pays for module loading and caches in the server.
      for (const p of [urls.video, urls.text]) {
        for (let i = 0; i < 2; i++) {
          const res = await fetch(`${base}${p}`, { headers: { cookie }, redirect: 'manual' });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${p} answered ${res.status}${res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''} for the enrolled student, expected 200`);
        }
      }

      const maps = readBuildMaps(build.distDir);
      if (!maps.clientModules.size) notes.push(`no client reference manifest found under ${build.distDir}/server/app/**/learn/: chunks are not attributed to components`);
      step('JavaScript: the video lesson in Chromium, signed in as the student');
      js.push(await measurePageJs(base, cookie, urls.video, maps, { waitFor: 'player' }));
      console.log(`  ${kib(js[0]!.totalBytes)} KiB gzip (${kib(js[0]!.initialBytes)} initial + ${kib(js[0]!.onDemandBytes)} on demand), + ${kib(js[0]!.afterPlayBytes)} after Play; ${js[0]!.settled}`);
      step('JavaScript: the text lesson');
      js.push(await measurePageJs(base, cookie, urls.text, maps, {}));
      console.log(`  ${kib(js[1]!.totalBytes)} KiB gzip (${kib(js[1]!.initialBytes)} initial + ${kib(js[1]!.onDemandBytes)} on demand)`);

      lh.push(...(await lighthousePresets(`${base}${urls.video}`, cookie, runs, 'video lesson', 'lesson-page', errors)));
    } catch (e) {
      errors.push(errorText(e));
      console.error(`✖ ${errors.at(-1)}`);
    }
  });

  console.log(`\n## Lesson page: JavaScript and Lighthouse, ${stamp()} UTC\n`);
  console.log(tables(js, lh));
  for (const p of js) {
    console.log(`\n### Scripts of \`${p.path}\` (load event at ${fmt(p.loadEventMs)} ms; ${p.settled})\n`);
    console.log(chunkTable(p));
    const other = Object.entries(p.other).sort((a, b) => b[1].bytes - a[1].bytes);
    if (other.length) console.log(`\nEverything else it loaded until idle (bytes on the wire): ${other.map(([k, v]) => `${k} ${kib(v.bytes)} KiB (${v.requests})`).join(', ')}.`);
  }
  for (const l of lh) {
    const f = l.findings;
    console.log(`\n### Lighthouse ${l.preset}: what the median-score run shows (${path.relative(root, f.reportFile)})\n`);
    console.log(`- runs: ${l.runs.map((r) => `${r.score} (LCP ${fmt(r.lcpMs)} ms, TBT ${fmt(r.tbtMs)} ms)`).join('; ')}; Speed Index ${fmt(l.median.siMs)} ms, TTI ${fmt(l.median.ttiMs)} ms, benchmarkIndex ${fmt(l.median.benchmarkIndex)} (medians)`);
    console.log(`- LCP element: ${f.lcpElement ?? 'not reported'}${Object.keys(f.lcpPhases).length ? `; phases (ms): ${Object.entries(f.lcpPhases).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}` : ''}`);
    if (f.unusedJsBytes !== null) console.log(`- unused JavaScript at load: ${kib(f.unusedJsBytes)} KiB (transfer)`);
    if (f.opportunities.length) console.log(`- opportunities: ${f.opportunities.map((o) => `${o.title}${o.savingsMs ? ` (${fmt(o.savingsMs)} ms)` : ''}${o.savingsBytes ? ` (${kib(o.savingsBytes)} KiB)` : ''}`).join('; ')}`);
    if (f.bootup.length) console.log(`- script CPU (bootup-time, ms scripting / total): ${f.bootup.map((b) => `${b.url.replace(/^https?:\/\/[^/]+/, '')} ${fmt(b.scriptingMs)} / ${fmt(b.totalMs)}`).join('; ')}`);
  }
  console.log(`\nMachine: ${machineLine()}.`);
  console.log(
    `JavaScript: every response under /_next/ of type script (or ending in .js) that Chromium (Playwright, ${chromiumLaunchOptions.executablePath ?? "Playwright's own"}) loaded for the page in a fresh context, from navigation until the network was idle; ` +
      'counted at its size on the wire when the server compressed it (content-encoding), else gzip level 9 of the body. KiB = 1024 bytes. ' +
      '"Initial": the request started before the load event (Resource Timing); "on demand": after it, before the bench pressed Play; "after play": after that click (the target applies to the page view, initial + on demand). Components: client components of the learn routes (client reference manifests) whose module the chunk defines; libraries: text recognised in the chunk. ' +
      `Lighthouse ${readLighthouseVersion()} CLI, performance category only, default (mobile) and --preset=desktop, simulated throttling, Chromium flags "${LIGHTHOUSE_CHROME_FLAGS}", the session cookie as an extra header; medians per metric over ${runs} run(s). ` +
      `One \`next start\` of ${distDir || 'the build'}; the server, PostgreSQL, S3 and the browser share the machine, so a busy machine lowers the scores (see the load average).`,
  );
  for (const n of notes) console.log(`Note: ${n}`);
  for (const e of errors) console.error(`\n✖ ${e}`);

  const file = path.join(resultsDir, 'lesson-page.json');
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        date: startedAt.toISOString(),
        machine: machineLine(),
        settings: { runs, videoSeconds: seconds, distDir, lighthouse: readLighthouseVersion(), chromeFlags: LIGHTHOUSE_CHROME_FLAGS, targets: { jsKiB: JS_TARGET_KIB, score: SCORE_TARGET } },
        urls,
        javascript: js.map((p) => ({ ...p, kib: { total: p.totalBytes / KiB, initial: p.initialBytes / KiB, onDemand: p.onDemandBytes / KiB, afterPlay: p.afterPlayBytes / KiB, withPlay: (p.totalBytes + p.afterPlayBytes) / KiB }, met: p.totalBytes <= JS_TARGET_KIB * KiB })),
        lighthouse: lh.map((l) => ({ ...l, met: l.median.score >= SCORE_TARGET })),
        notes,
        errors,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nWrote ${path.relative(root, file)}; logs and Lighthouse reports in ${path.relative(root, logsDir)}/.`);
  return errors.length ? 1 : 0;
}

export function readLighthouseVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'lighthouse', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await run(process.argv.slice(2)));
