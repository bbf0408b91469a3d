// Upload throughput of a large video, one run on one machine against one S3 server:
// (1) the real browser flow: Chromium signs in to a production `next start`, opens a video lesson's
//     editor and adds the file to the Uppy Dashboard, which uploads it multipart straight to S3,
//     each part signed by /api/uploads/…; timed from the file being added to the answer of
//     /api/uploads/{id}/complete (Uppy's upload-success: S3 holds the file, processing is queued);
// (2) the AWS SDK's own parallel multipart upload (@aws-sdk/lib-storage `Upload`) of the same file,
//     with the same part size and 6 parts at a time, through a client configured as the app's.
// The file is a real small MP4 (the server sniffs its first bytes) padded to the size.
// Everything runs in a temporary folder (PostgreSQL, S3 objects, the file), removed at the end.
// Run: npm run bench -- video-upload [--size 2GB]
import { Upload } from '@aws-sdk/lib-storage';
import { chromium, type Page, type Request } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { createDb } from '../db/factory';
import { createCourse, createUser } from '../db/factories';
import { videos } from '../db/schema';
import { partSizeFor } from '../lib/media/plan';
import { makeTestVideo } from '../lib/media/testing';
import { createStorage } from '../lib/storage/client';
import { nextBin } from '../scripts/lib/runtime.mjs';
import { freePort, spawnServer, waitFor200, type Env } from './processes';
import { signInCookieHeader } from './sign-in';
import {
  chromiumGroup,
  chromiumLaunchOptions,
  cpuMeter,
  currentBuild,
  errorText,
  fmt,
  inheritedEnv,
  logsDir,
  machineLine,
  parseBytes,
  pct,
  requireFreeSpace,
  resultsDir,
  s3Env,
  settleDisk,
  stamp,
  startS3Process,
  step,
  withBenchEnv,
} from './video-shared';

const PARTS_IN_FLIGHT = 6; // as components/videos/video-uploader.tsx
const MB = 1e6;

/** One side's figures. Times in ms from the start of that side's timed window. */
type Side = {
  totalMs: number;
  parts: number;
  /** First part request sent → last part answered. */
  partsWindowMs: number;
  firstPartAtMs: number;
  maxInFlight: number;
  meanInFlight: number;
  partMs: number[];
  createMs: number;
  completeMs: number;
  signMs?: number[];
  /** CORS preflights (OPTIONS) the browser sent to S3 before part PUTs. */
  preflightMs?: number[];
  cpu: Record<string, number>;
};

/** Requests in flight over time: the most at once, and the time-weighted mean from the first start to the last end. */
function inFlightTracker() {
  const events: [number, 1 | -1][] = [];
  return {
    start: (t: number) => void events.push([t, 1]),
    end: (t: number) => void events.push([t, -1]),
    summary() {
      // At equal times an end counts before a start: a slot handed straight on is not two in flight.
      const sorted = [...events].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      if (!sorted.length) return { first: NaN, last: NaN, max: 0, mean: 0 };
      let level = 0;
      let max = 0;
      let area = 0;
      for (let i = 0; i < sorted.length; i++) {
        level += sorted[i]![1];
        max = Math.max(max, level);
        if (i + 1 < sorted.length) area += level * (sorted[i + 1]![0] - sorted[i]![0]);
      }
      const first = sorted[0]![0];
      const last = sorted.at(-1)![0];
      return { first, last, max, mean: last > first ? area / (last - first) : 0 };
    },
  };
}

/** A real MP4 (10 s, 640×360, moov first) followed by random bytes up to `size`. */
async function makeUploadFile(dir: string, size: number) {
  const head = await makeTestVideo(path.join(dir, 'head.mp4'), { seconds: 10, width: 640, height: 360 });
  const headBytes = fs.readFileSync(head);
  if (size < headBytes.length) throw new Error(`--size must be at least ${headBytes.length} bytes (the MP4 at its start)`);
  const file = path.join(dir, `lecture-${Math.round(size / MB)}MB.mp4`);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, headBytes);
    // Incompressible padding, written for real (not a sparse file), 16 MiB at a time.
    const block = crypto.randomBytes(16 * 1024 * 1024);
    for (let at = headBytes.length; at < size; ) {
      const n = Math.min(block.length, size - at);
      at += fs.writeSync(fd, block, 0, n);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { file, head };
}

type PageRecord = { kind: 'put' | 'sign' | 'create' | 'complete'; start: number; end: number; ok: boolean };
declare global {
  interface Window {
    __benchUploads?: PageRecord[];
  }
}

/**
 * Runs in the page before its own scripts: notes when each request of the upload starts and ends as the
 * app sees them (Uppy sends part bytes with XMLHttpRequest and calls our routes with fetch). Counting in
 * the page, rather than from the browser's network events, gives in-flight figures free of event delays.
 */
function instrumentUploads(s3Origin: string) {
  const records: PageRecord[] = (window.__benchUploads = []);
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const sent = new WeakMap<XMLHttpRequest, PageRecord>();
  const puts = new WeakSet<XMLHttpRequest>();
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (method.toUpperCase() === 'PUT' && String(url).startsWith(s3Origin) && !puts.has(this)) {
      puts.add(this);
      // Added before Uppy's own listeners (it adds them after open): the part counts as done before
      // Uppy's load handler hands its slot to the next part, so a hand-over never counts as 7 at once.
      const done = (ok: boolean) => () => {
        const rec = sent.get(this);
        if (rec && Number.isNaN(rec.end)) {
          rec.end = performance.now();
          rec.ok = ok && this.status >= 200 && this.status < 300;
        }
      };
      this.addEventListener('load', done(true));
      for (const type of ['error', 'abort', 'timeout']) this.addEventListener(type, done(false));
    }
    return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    if (puts.has(this)) {
      const rec: PageRecord = { kind: 'put', start: performance.now(), end: NaN, ok: false };
      records.push(rec);
      sent.set(this, rec);
    }
    return send.call(this, body);
  };
  const fetch0 = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const kind: PageRecord['kind'] | null =
      method === 'GET' && /^\/api\/uploads\/[^/]+\/parts\/\d+$/.test(url.pathname)
        ? 'sign'
        : method === 'POST' && url.pathname === '/api/uploads'
          ? 'create'
          : method === 'POST' && /^\/api\/uploads\/[^/]+\/complete$/.test(url.pathname)
            ? 'complete'
            : null;
    if (!kind) return fetch0(input, init);
    const rec: PageRecord = { kind, start: performance.now(), end: NaN, ok: false };
    records.push(rec);
    try {
      const res = await fetch0(input, init);
      rec.ok = res.ok;
      return res;
    } finally {
      rec.end = performance.now();
    }
  };
}

const isComplete = (req: Request) => req.method() === 'POST' && /^\/api\/uploads\/[^/]+\/complete$/.test(new URL(req.url()).pathname);

async function browserUpload(opts: { base: string; s3Origin: string; cookie: string; file: string; head: string; size: number; lessonId: string; warmupLessonId: string; courseId: string; groups: Record<string, number | undefined> }): Promise<Side> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(opts.cookie.split('; ').map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1), url: opts.base })));
    // As source text: tsx compiles with esbuild's keepNames, whose `__name(…)` calls inside the
    // function's body do not exist in the page, hence the stand-in.
    await context.addInitScript({ content: `var __name = (f) => f; (${instrumentUploads.toString()})(${JSON.stringify(opts.s3Origin)});` });
    const input = (p: Page) => p.getByTestId('video-uploader').locator('input[type=file]').first();
    const uploaded = (p: Page, timeout: number) =>
      Promise.race([
        p.waitForResponse((r) => isComplete(r.request()), { timeout }).then(async (r) => {
          if (!r.ok()) throw new Error(`/complete answered ${r.status()}: ${await r.text().catch(() => '')}`);
        }),
        p
          .getByTestId('upload-errors')
          .locator('li')
          .first()
          .waitFor({ timeout })
          .then(async () => {
            throw new Error(`the uploader showed an error: ${await p.getByTestId('upload-errors').innerText()}`);
          }),
      ]);

    // Warm-up on another lesson: loads the uploader's code and each upload route once, and opens the
    // app's job-queue connection, so that first-request costs stay out of the measured upload.
    step('browser: warm-up upload of the small MP4 to another lesson');
    const warm = await context.newPage();
    await warm.goto(`${opts.base}/courses/${opts.courseId}/lessons/${opts.warmupLessonId}`);
    const warmDone = uploaded(warm, 60_000);
    await input(warm).setInputFiles(opts.head);
    await warmDone;
    await warm.close();

    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
    await page.goto(`${opts.base}/courses/${opts.courseId}/lessons/${opts.lessonId}`);
    await input(page).waitFor({ state: 'attached', timeout: 60_000 });

    // Preflights are not page requests (Playwright does not show them); the DevTools protocol does.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const preflightStarts = new Map<string, number>();
    const preflightMs: number[] = [];
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.method === 'OPTIONS' && e.request.url.startsWith(opts.s3Origin)) preflightStarts.set(e.requestId, e.timestamp);
    });
    const preflightDone = (e: { requestId: string; timestamp: number }) => {
      const at = preflightStarts.get(e.requestId);
      if (at === undefined) return;
      preflightStarts.delete(e.requestId);
      preflightMs.push((e.timestamp - at) * 1000);
    };
    cdp.on('Network.loadingFinished', preflightDone);
    cdp.on('Network.loadingFailed', preflightDone);

    step(`browser: adding the ${fmt(opts.size / MB)} MB file to the Dashboard`);
    // At least 2 MB/s, or the run is failed rather than left hanging.
    const timeout = 120_000 + (opts.size / (2 * MB)) * 1000;
    const done = uploaded(page, timeout);
    const meter = cpuMeter({ ...opts.groups, browser: chromiumGroup() });
    const pageT0 = await page.evaluate(() => performance.now());
    const t0 = performance.now();
    await input(page).setInputFiles(opts.file);
    await done;
    const totalMs = performance.now() - t0;
    const cpu = meter();

    const records = (await page.evaluate(() => window.__benchUploads ?? [])).map((r) => ({ ...r, start: r.start - pageT0, end: r.end - pageT0 }));
    const flight = inFlightTracker();
    const puts = records.filter((r) => r.kind === 'put');
    for (const r of puts) {
      flight.start(r.start);
      flight.end(r.end);
    }
    const ok = puts.filter((r) => r.ok);
    if (ok.length !== puts.length) console.log(`  note: ${puts.length - ok.length} part request(s) failed and were retried by Uppy`);
    const one = (kind: PageRecord['kind']) => records.find((r) => r.kind === kind);
    const s = flight.summary();
    return {
      totalMs,
      parts: ok.length,
      partsWindowMs: s.last - s.first,
      firstPartAtMs: s.first,
      maxInFlight: s.max,
      meanInFlight: s.mean,
      partMs: ok.map((r) => r.end - r.start),
      signMs: records.filter((r) => r.kind === 'sign').map((r) => r.end - r.start),
      preflightMs,
      createMs: (one('create')?.end ?? NaN) - (one('create')?.start ?? NaN),
      completeMs: (one('complete')?.end ?? NaN) - (one('complete')?.start ?? NaN),
      cpu,
    };
  } finally {
    await browser.close();
  }
}

async function sdkUpload(opts: { storage: ReturnType<typeof createStorage>; file: string; size: number; groups: Record<string, number | undefined> }): Promise<Side> {
  const client = opts.storage.client;
  const flight = inFlightTracker();
  const partMs: number[] = [];
  let createMs = NaN;
  let completeMs = NaN;
  let t0 = 0;
  const now = () => performance.now() - t0;
  // Innermost step: from the signed request being sent to its answer being parsed, as the browser side counts.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName;
      const at = now();
      if (name === 'UploadPartCommand') flight.start(at);
      try {
        return await next(args);
      } finally {
        const ms = now() - at;
        if (name === 'UploadPartCommand') {
          flight.end(now());
          partMs.push(ms);
        } else if (name === 'CreateMultipartUploadCommand') createMs = ms;
        else if (name === 'CompleteMultipartUploadCommand') completeMs = ms;
      }
    },
    { step: 'deserialize', name: 'benchTiming', override: true },
  );
  const key = `bench/sdk-${crypto.randomUUID()}.mp4`;
  step(`AWS SDK: lib-storage Upload of the same file, ${PARTS_IN_FLIGHT} parts at a time`);
  const meter = cpuMeter(opts.groups);
  t0 = performance.now();
  const upload = new Upload({
    client,
    params: { Bucket: opts.storage.bucket, Key: key, Body: fs.createReadStream(opts.file, { highWaterMark: 1024 * 1024 }), ContentType: 'video/mp4' },
    partSize: partSizeFor(opts.size),
    queueSize: PARTS_IN_FLIGHT,
    leavePartsOnError: false,
  });
  await upload.done();
  const totalMs = now();
  const cpu = meter();
  const head = await opts.storage.headObject(key);
  if (head.size !== opts.size) throw new Error(`the SDK's object holds ${head.size} bytes, expected ${opts.size}`);
  await opts.storage.deleteObject(key);
  const s = flight.summary();
  return { totalMs, parts: partMs.length, partsWindowMs: s.last - s.first, firstPartAtMs: s.first, maxInFlight: s.max, meanInFlight: s.mean, partMs, createMs, completeMs, cpu };
}

function table(size: number, ours: Side | null, sdk: Side | null) {
  const partSize = partSizeFor(size);
  const rate = (x: Side) => size / MB / (x.totalMs / 1000);
  const partsRate = (x: Side) => size / MB / (x.partsWindowMs / 1000);
  const cell = (x: Side | null, f: (x: Side) => string) => (x ? f(x) : 'failed');
  const ratio = (f: (x: Side) => number, digits = 2) => (ours && sdk ? `${fmt(f(ours) / f(sdk), digits)}×` : '–');
  const cpu = (x: Side) =>
    Object.entries(x.cpu)
      .filter(([, v]) => v >= 0.5)
      .map(([k, v]) => `${k} ${fmt(v)}%`)
      .join(', ');
  const rows = [
    `| ${fmt(size / MB)} MB file, ${Math.ceil(size / partSize)} parts of ${partSize / 2 ** 20} MiB | browser: Uppy Dashboard → presigned PUTs | AWS SDK: lib-storage \`Upload\` | ours / SDK |`,
    '|---|---:|---:|---:|',
    `| **throughput, file added → upload complete (MB/s)** | **${cell(ours, (x) => fmt(rate(x), 1))}** | **${cell(sdk, (x) => fmt(rate(x), 1))}** | **${ratio(rate)}** |`,
    `| wall time (s) | ${cell(ours, (x) => fmt(x.totalMs / 1000, 1))} | ${cell(sdk, (x) => fmt(x.totalMs / 1000, 1))} | ${ratio((x) => x.totalMs)} |`,
    `| part uploads only, first sent → last answered (MB/s) | ${cell(ours, (x) => fmt(partsRate(x), 1))} | ${cell(sdk, (x) => fmt(partsRate(x), 1))} | ${ratio(partsRate)} |`,
    `| parts in flight, max | ${cell(ours, (x) => String(x.maxInFlight))} | ${cell(sdk, (x) => String(x.maxInFlight))} | – |`,
    `| parts in flight, time-weighted mean | ${cell(ours, (x) => fmt(x.meanInFlight, 2))} | ${cell(sdk, (x) => fmt(x.meanInFlight, 2))} | – |`,
    `| one part, p50 / p95 (ms) | ${cell(ours, (x) => `${fmt(pct(x.partMs, 50))} / ${fmt(pct(x.partMs, 95))}`)} | ${cell(sdk, (x) => `${fmt(pct(x.partMs, 50))} / ${fmt(pct(x.partMs, 95))}`)} | – |`,
    `| signing one part (GET /api/uploads/…/parts/N), p50 / p95 (ms) | ${cell(ours, (x) => `${fmt(pct(x.signMs!, 50))} / ${fmt(pct(x.signMs!, 95))}`)} | – (signs in-process) | – |`,
    `| CORS preflight (OPTIONS to S3) before a part: count, p50 / p95 (ms) | ${cell(ours, (x) => (x.preflightMs?.length ? `${x.preflightMs.length}, ${fmt(pct(x.preflightMs, 50))} / ${fmt(pct(x.preflightMs, 95))}` : '0'))} | – (no CORS) | – |`,
    `| start: file added → first part sent (ms) | ${cell(ours, (x) => fmt(x.firstPartAtMs))} | ${cell(sdk, (x) => fmt(x.firstPartAtMs))} | – |`,
    `| create upload request (ms) | ${cell(ours, (x) => fmt(x.createMs))} | ${cell(sdk, (x) => fmt(x.createMs))} | – |`,
    `| complete request (ms) | ${cell(ours, (x) => fmt(x.completeMs))} | ${cell(sdk, (x) => fmt(x.completeMs))} | – |`,
    `| CPU during the upload, % of one core | ${cell(ours, cpu)} | ${cell(sdk, cpu)} | – |`,
  ];
  return rows.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { size: { type: 'string', default: '2GB' } } });
  const size = parseBytes(values.size!);
  if (size < 64 * MB) throw new Error('--size must be at least 64MB, so that the upload has several parts');
  fs.mkdirSync(logsDir, { recursive: true });
  const errors: string[] = [];
  const notes: string[] = [];
  let ours: Side | null = null;
  let sdk: Side | null = null;

  await withBenchEnv('lectern-bench-upload-', async ({ tmp, servers, startPg, onCleanup }) => {
    // The file, then S3's parts and the assembled object of one upload at a time (each deleted after its run).
    const free = requireFreeSpace(tmp, 3 * size + 2e9, `A ${fmt(size / MB)} MB upload bench`);
    step(`temporary folder ${tmp} (${fmt(free / 1e9, 1)} GB free)`);
    try {
      const pg = await startPg('lectern_bench_upload');
      const build = await currentBuild({ ...inheritedEnv(), DATABASE_URL: pg.url });
      notes.push(...build.notes);

      step(`making the file: a 10 s MP4 padded with random bytes to ${fmt(size / MB)} MB`);
      const { file, head } = await makeUploadFile(tmp, size);

      const port = await freePort();
      const base = `http://localhost:${port}`;
      step('starting the embedded S3 server in its own process');
      const s3 = await startS3Process(path.join(tmp, 's3'), [base], path.join(logsDir, 'video-upload-s3.log'));
      servers.push(s3.server);
      const env: Env = {
        ...inheritedEnv(),
        ...s3Env(s3.s3),
        DATABASE_URL: pg.url,
        AUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
        APP_URL: base,
        AUTH_TRUST_HOST: 'true',
        NODE_ENV: 'production',
        NEXT_DIST_DIR: build.distDir,
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: 'warn',
        VIDEO_MAX_BYTES: String(Math.max(5 * 1024 ** 3, size + 2 ** 20)),
      };
      step(`next start (${build.distDir}) on ${base}`);
      const next = spawnServer('next start (video upload)', [nextBin, 'start', '-p', String(port)], env, path.join(logsDir, 'video-upload-server.log'));
      servers.push(next);
      await waitFor200(`${base}/login`, next);

      step('seeding: an author with a course of two video lessons');
      const { db, sql } = createDb(pg.url, { max: 2 });
      onCleanup(() => sql.end());
      const author = await createUser(db, { role: 'author' });
      const course = await createCourse(db, { ownerId: author.id, modules: 1, lessonsPerModule: 2, lessonType: 'video', title: 'Upload bench' });
      const [lessonId, warmupLessonId] = course.modules[0]!.lessonIds as [string, string];
      const cookie = await signInCookieHeader(base, author);
      const storage = createStorage({ bucket: s3.s3.bucket, region: s3.s3.region, accessKeyId: s3.s3.accessKeyId, secretAccessKey: s3.s3.secretAccessKey, endpoint: s3.s3.endpoint, forcePathStyle: true });
      const groups = { next: next.child.pid, s3: s3.server.child.pid };

      try {
        await settleDisk();
        ours = await browserUpload({ base, s3Origin: new URL(s3.s3.endpoint).origin, cookie, file, head, size, lessonId, warmupLessonId, courseId: course.id, groups });
        const [row] = await db.select().from(videos).where(and(eq(videos.courseId, course.id), eq(videos.lessonId, lessonId)));
        if (!row || row.status !== 'queued' || row.size !== size) throw new Error(`after the upload the video row is ${row ? `${row.status}, ${row.size} bytes` : 'missing'}; expected queued, ${size} bytes`);
        // Room for the SDK's copy.
        await storage.deleteObject(row.sourceKey);
      } catch (e) {
        errors.push(`browser upload: ${errorText(e)}`);
        console.error(`✖ ${errors.at(-1)}`);
      }
      try {
        await settleDisk();
        sdk = await sdkUpload({ storage, file, size, groups });
      } catch (e) {
        errors.push(`SDK upload: ${errorText(e)}`);
        console.error(`✖ ${errors.at(-1)}`);
      }
    } catch (e) {
      errors.push(errorText(e));
      console.error(`✖ ${errors.at(-1)}`);
    }
  });

  const o = ours as Side | null;
  const s = sdk as Side | null;
  console.log(`\n## Video upload throughput, ${stamp()} UTC\n`);
  console.log(table(size, o, s));
  console.log(`\nMachine: ${machineLine()}.`);
  console.log(
    'MB = 10^6 bytes. Both sides upload the same file from the page cache to the same embedded S3 server (scripts/lib/embedded-s3.mjs, in its own process, on local disk), one after the other, with `sync` before each. ' +
      'Browser: Chromium driven by Playwright, production build, after one small warm-up upload to another lesson; the time runs from setInputFiles to the answer of /api/uploads/{id}/complete (S3 has assembled the object and processing is queued). ' +
      `SDK: @aws-sdk/lib-storage Upload, the same part size, queueSize ${PARTS_IN_FLIGHT}, the app's S3 client settings (lib/storage/client.ts), from a file stream; the time runs from \`new Upload\` to \`done()\`. ` +
      'In flight: browser part PUTs from XMLHttpRequest.send to its load (or error) event, noted inside the page; SDK UploadPart calls in the S3 client\'s innermost middleware step (after signing). CPU: each process group\'s user + system time over the timed window ("bench" is this process, which runs the SDK side).',
  );
  if (o && s) {
    const r = o.totalMs ? s.totalMs / o.totalMs : 0;
    console.log(`Target ours/SDK ≥ 0.80: ${r >= 0.8 ? 'met' : 'NOT met'} (${fmt(r, 2)}). Parts in flight in the browser ≥ 4: ${o.maxInFlight >= 4 ? 'met' : 'NOT met'} (${o.maxInFlight}).`);
  }
  for (const n of notes) console.log(`Note: ${n}`);
  for (const e of errors) console.error(`\n✖ ${e}`);
  const summarize = (x: Side | null) => x && { ...x, partMs: undefined, signMs: undefined, preflightMs: undefined, preflights: x.preflightMs?.length, preflightP50Ms: x.preflightMs && pct(x.preflightMs, 50), partP50Ms: pct(x.partMs, 50), partP95Ms: pct(x.partMs, 95), signP50Ms: x.signMs && pct(x.signMs, 50), signP95Ms: x.signMs && pct(x.signMs, 95), mbPerSecond: size / MB / (x.totalMs / 1000) };
  fs.writeFileSync(path.join(resultsDir, 'video-upload.json'), JSON.stringify({ date: new Date().toISOString(), size, partSize: partSizeFor(size), machine: machineLine(), browser: summarize(o), sdk: summarize(s), notes, errors }, null, 2) + '\n');
  return errors.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await run(process.argv.slice(2)));
