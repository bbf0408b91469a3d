import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import type { APIRequestContext, Page, Request } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { videos } from '../../db/schema';
import { freePort } from '../../scripts/lib/embedded-pg.mjs';
import { startEmbeddedS3 } from '../../scripts/lib/embedded-s3.mjs';
import { E2E_SETUP_TOKEN } from '../constants';
import { db } from '../fixtures';
import { testVideo } from './helpers';

// Tools for the upload resilience specs: big files, a direct look into the object store, a record of
// the part uploads the browser makes, bandwidth throttling, and an app + S3 pair a spec may stop.

export const MiB = 1024 * 1024;

/**
 * A real MP4 (a few seconds of testsrc) followed by random bytes up to `bytes`, cached for the run.
 * The server sniffs only the first bytes, so it is accepted as a video; random rather than zero
 * padding makes every part different, so a checksum also catches parts stored in the wrong place.
 */
export function paddedVideo(name: string, bytes: number) {
  const base = testVideo('testsrc-4s', { seconds: 4 });
  const file = path.join(path.dirname(base), `${name}.mp4`);
  if (fs.existsSync(file) && fs.statSync(file).size === bytes) return file;
  const fd = fs.openSync(`${file}.part`, 'w');
  try {
    const head = fs.readFileSync(base);
    fs.writeSync(fd, head);
    for (let left = bytes - head.length; left > 0; left -= MiB) fs.writeSync(fd, randomBytes(Math.min(MiB, left)));
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${file}.part`, file);
  return file;
}

export async function sha256File(file: string) {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type S3Target = { endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string };

/** The object store the shared e2e app server uses (scripts/test.mjs puts its S3_* in our env). */
export function sharedS3(): S3Target {
  const { S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = process.env;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) throw new Error('S3_* is not set: run e2e through `node scripts/test.mjs e2e`');
  return { endpoint: S3_ENDPOINT, region: S3_REGION ?? 'us-east-1', bucket: S3_BUCKET, accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY };
}

// The SDK directly rather than lib/storage: that module is `server-only`, which Playwright's loader refuses.
async function withS3<T>(t: S3Target, fn: (client: S3Client) => Promise<T>) {
  const client = new S3Client({
    region: t.region,
    endpoint: t.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

export const objectSize = (t: S3Target, key: string) => withS3(t, async (c) => (await c.send(new HeadObjectCommand({ Bucket: t.bucket, Key: key }))).ContentLength);

export const objectSha256 = (t: S3Target, key: string) =>
  withS3(t, async (c) => {
    const res = await c.send(new GetObjectCommand({ Bucket: t.bucket, Key: key }));
    const hash = createHash('sha256');
    for await (const chunk of res.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
    return hash.digest('hex');
  });

/** Unfinished multipart uploads S3 still keeps for `key`. */
export const openUploads = (t: S3Target, key: string) =>
  withS3(t, async (c) => ((await c.send(new ListMultipartUploadsCommand({ Bucket: t.bucket, Prefix: key }))).Uploads ?? []).filter((u) => u.Key === key).map((u) => u.UploadId));

/** The course's video rows (the spec's upload is the only one). */
export const courseVideos = (courseId: string) => db.select().from(videos).where(eq(videos.courseId, courseId));

/** Caps the page's upload bandwidth (bytes per second), so a spec has time to act while parts are in flight. */
export async function throttleUpload(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

/**
 * Records the part PUTs the page sends to the object store at `endpoint`: part numbers as requested,
 * as stored (answered 2xx) and as lost (aborted, refused, cut off by the network).
 */
export function watchParts(page: Page, endpoint: string) {
  const origin = new URL(endpoint).origin;
  const partOf = (r: Request) => {
    if (r.method() !== 'PUT') return null;
    const u = new URL(r.url());
    const n = u.searchParams.get('partNumber');
    return u.origin === origin && n ? Number(n) : null;
  };
  const log = { sent: [] as number[], done: [] as number[], lost: [] as number[] };
  page.on('request', (r) => {
    const n = partOf(r);
    if (n) log.sent.push(n);
  });
  // S3 answers a part only once it has stored it; the response event comes even if the page
  // navigates away before the body is read (a reload right after a part lands).
  page.on('response', (res) => {
    const n = partOf(res.request());
    if (n && res.ok()) log.done.push(n);
  });
  page.on('requestfailed', (r) => {
    const n = partOf(r);
    if (n) log.lost.push(n);
  });
  return log;
}

/** An embedded S3 server owned by one spec, which it may stop and start again on the same port and data. */
export async function ownS3() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-e2e-s3-'));
  let server = await startEmbeddedS3({ dataDir, port: await freePort(), corsOrigins: ['*'] });
  const port = server.port;
  const target: S3Target = { endpoint: server.endpoint, region: server.region, bucket: server.bucket, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  let running = true;
  return {
    target,
    env: { S3_ENDPOINT: target.endpoint, S3_REGION: target.region, S3_BUCKET: target.bucket, S3_ACCESS_KEY_ID: target.accessKeyId, S3_SECRET_ACCESS_KEY: target.secretAccessKey, S3_FORCE_PATH_STYLE: 'true' },
    async stop() {
      running = false;
      await server.stop();
    },
    async start() {
      server = await startEmbeddedS3({ dataDir, port, corsOrigins: ['*'] });
      running = true;
      // freePort falls back to any port when the old one is taken: the presigned URLs would then be wrong.
      if (server.port !== port) throw new Error(`the S3 server came back on port ${server.port}, not ${port}`);
    },
    async dispose() {
      if (running) await server.stop().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A production `next start` of the e2e build (as playwright.config.ts's webServer) on its own port, with extra env. */
export async function ownAppServer(extraEnv: Record<string, string>) {
  const port: number = await freePort();
  const baseURL = `http://localhost:${port}`;
  let child: ChildProcess | null = null;
  let output = '';
  const start = async () => {
    child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
      env: { ...process.env, ...extraEnv, APP_URL: baseURL, AUTH_TRUST_HOST: 'true', SETUP_TOKEN: E2E_SETUP_TOKEN, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stop() reaches anything next spawns.
      detached: true,
    });
    const keep = (b: Buffer) => {
      output = (output + b.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // Last resort if the test process dies before afterAll: never leave a server behind.
    const pid = child.pid!;
    process.once('exit', () => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${baseURL}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`next start did not answer /api/health within 60 s:\n${output}`);
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const c = child;
    if (!c?.pid || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    try {
      process.kill(-c.pid, signal);
    } catch {
      return; // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {}
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return { port, baseURL, start, stop };
}

/**
 * Uploads a file over the same HTTP protocol Uppy speaks (create → sign each part → PUT → complete),
 * with the cookies of `request`. For specs about what happens after an upload, not about the uploader.
 */
export async function uploadViaApi(request: APIRequestContext, input: { courseId: string; lessonId?: string; file: string }) {
  const bytes = fs.readFileSync(input.file);
  const created = await request.post('/api/uploads', { data: { courseId: input.courseId, lessonId: input.lessonId, filename: path.basename(input.file), type: 'video/mp4', size: bytes.length } });
  if (created.status() !== 201) throw new Error(`POST /api/uploads: ${created.status()} ${await created.text()}`);
  const { videoId, key, uploadId, partSize } = (await created.json()) as { videoId: string; key: string; uploadId: string; partSize: number };
  const ref = new URLSearchParams({ key, uploadId });
  for (let n = 1; (n - 1) * partSize < bytes.length; n++) {
    const signed = await request.get(`/api/uploads/${videoId}/parts/${n}?${ref}`);
    if (!signed.ok()) throw new Error(`sign part ${n}: ${signed.status()} ${await signed.text()}`);
    const put = await request.fetch((await signed.json()).url, { method: 'PUT', data: bytes.subarray((n - 1) * partSize, n * partSize) });
    if (!put.ok()) throw new Error(`PUT part ${n}: ${put.status()} ${await put.text()}`);
  }
  const done = await request.post(`/api/uploads/${videoId}/complete`, { data: { key, uploadId } });
  if (!done.ok()) throw new Error(`complete: ${done.status()} ${await done.text()}`);
  return { videoId, key, uploadId };
}

/** Waits until the worker has processed the video (or gave up), and returns its row. */
export async function processedVideo(videoId: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.query.videos.findFirst({ where: eq(videos.id, videoId) });
    if (row?.status === 'ready') return row;
    if (!row || row.status === 'failed' || Date.now() > deadline) throw new Error(`video ${videoId} did not become ready: ${row ? `${row.status} ${row.errorMessage ?? ''}` : 'row gone'}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
