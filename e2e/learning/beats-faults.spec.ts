import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Browser, Page } from '@playwright/test';
import { and, eq, sql } from 'drizzle-orm';
import { createDb, type Database } from '../../db/factory';
import { createCourse, createUser, enroll } from '../../db/factories';
import { runMigrations } from '../../db/migrate';
import { lessonProgress, lessons, videos, videoViews } from '../../db/schema';
import { freePort, startEmbeddedPostgres } from '../../scripts/lib/embedded-pg.mjs';
import { db, expect, test } from '../fixtures';
import { testVideo } from '../videos/helpers';
import { ownAppServer } from '../videos/upload-harness';

// Beat delivery under faults (video.md §4): an acknowledged beat is durable, an unacknowledged one is
// sent again, and (view, seq) idempotency makes the resends harmless. Each test runs a `next start` of
// its own (the e2e build, the e2e environment) so it can kill it or take its database away without
// disturbing the other specs.

test.describe.configure({ timeout: 240_000 });

const QUEUE_KEY = 'lectern-beats-v1';

type Seg = [number, number, number];
type ClientBeat = { seq: number; at: number; state: 'playing'; pos: number; rate: number; segments: Seg[] };
type View = { viewId: string; ticket: string };

/** A published course whose only lesson plays `durationSeconds` of a ready video row (no media files unless `sourceKey` points at one). */
async function videoLesson(database: Database, ownerId: string, video: { durationSeconds: number; playback: 'hls' | 'progressive'; sourceKey?: string; size?: number }) {
  const course = await createCourse(database, { ownerId, status: 'published', modules: 1, lessonsPerModule: 1 });
  const lessonId = course.modules[0]!.lessonIds[0]!;
  const id = randomUUID();
  await database.insert(videos).values({
    id,
    courseId: course.id,
    createdById: ownerId,
    filename: 'beats.mp4',
    contentType: 'video/mp4',
    size: video.size ?? 1,
    sourceKey: video.sourceKey ?? `courses/${course.id}/videos/${id}/source`,
    partSize: 16 * 1024 * 1024,
    status: 'ready',
    playback: video.playback,
    ...(video.playback === 'hls' ? { hlsMaster: 'master.m3u8', assetsPrefix: `courses/${course.id}/videos/${id}/hls/` } : {}),
    durationSeconds: video.durationSeconds,
    width: 320,
    height: 180,
    uploadedAt: new Date(),
  });
  await database.update(lessons).set({ type: 'video', videoId: id, durationSeconds: video.durationSeconds, completionRule: { kind: 'video_coverage', percent: 90 } }).where(eq(lessons.id, lessonId));
  return { course, lessonId, videoId: id };
}

async function signInAt(page: Page, baseURL: string, user: { email: string; password: string }) {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel(/^email$/i).fill(user.email);
  await page.getByLabel(/^(password|пароль)$/i).fill(user.password);
  await page.getByRole('button', { name: /^(sign in|войти)$/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A view ticket from the real playback endpoint, for `user` signed in through a browser context of its own. */
async function ticketFor(browser: Browser, baseURL: string, user: { email: string; password: string }, videoId: string, lessonId: string): Promise<View> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAt(page, baseURL, user);
    const res = await context.request.get(`${baseURL}/api/videos/${videoId}/playback?lessonId=${lessonId}`);
    expect(res.status()).toBe(200);
    const info = (await res.json()) as { view: View | null };
    expect(info.view).toBeTruthy();
    return info.view!;
  } finally {
    await context.close();
  }
}

/** One sending of a batch: when it left, and what came of it ('network' = no answer). */
type Attempt = { seqs: number[]; startedAt: number; outcome: number | 'network' | null };

/**
 * A player stand-in that talks plain HTTP: it makes a beat every `periodMs` claiming 80 % of the wall
 * time since the previous one (two segments, so no elapsed-time bound ever cuts it), queues it, and
 * sends the queue's head (≤ 10 beats) until acknowledged — the same batch again after 200 ms on a
 * network error or a 5xx, after 1 s on 429.
 */
class BeatClient {
  private queue: ClientBeat[] = [];
  private seq = 0;
  private lastAt = Date.now();
  private pos = 0;
  private stopped = false;
  private abandoned = false;
  private loop: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private sentListeners: ((a: Attempt) => void)[] = [];
  /** The attempt on the wire right now, if any. */
  inFlight: Attempt | null = null;
  readonly attempts: Attempt[] = [];
  readonly stats = { networkErrors: 0, byStatus: {} as Record<number, number>, segments: 0 };

  constructor(
    private baseURL: string,
    readonly view: View,
    private periodMs: number,
  ) {}

  get generated() {
    return this.seq;
  }

  start() {
    this.timer = setInterval(() => this.makeBeat(), this.periodMs);
    this.loop = this.send();
  }

  /** Resolves right after the next request leaves, with its attempt. */
  nextSend(): Promise<Attempt> {
    return new Promise((resolve) => this.sentListeners.push(resolve));
  }

  /** Gives up at once (cleanup after a failure): no more beats, no more sending. */
  stop() {
    if (this.timer) clearInterval(this.timer);
    this.stopped = true;
    this.abandoned = true;
  }

  /** Stops making beats and resolves once every queued one is acknowledged. */
  async finish() {
    if (this.timer) clearInterval(this.timer);
    this.stopped = true;
    await this.loop;
  }

  private makeBeat() {
    const at = Date.now();
    const claim = (0.8 * (at - this.lastAt)) / 1000;
    this.lastAt = at;
    if (this.pos + claim + 1 > 599) this.pos = 0;
    const half = Math.round((claim / 2) * 1000) / 1000;
    const a: Seg = [round3(this.pos), round3(this.pos + half), 1];
    const b: Seg = [round3(this.pos + half + 0.01), round3(this.pos + 2 * half + 0.01), 1];
    this.pos = b[1];
    this.queue.push({ seq: this.seq++, at, state: 'playing', pos: this.pos, rate: 1, segments: [a, b] });
    this.stats.segments += 2;
  }

  private async send() {
    while ((!this.stopped || this.queue.length) && !this.abandoned) {
      const batch = this.queue.slice(0, 10);
      if (!batch.length) {
        await sleep(20);
        continue;
      }
      const body = JSON.stringify({ viewId: this.view.viewId, ticket: this.view.ticket, beats: batch });
      for (;;) {
        const attempt: Attempt = { seqs: batch.map((b) => b.seq), startedAt: Date.now(), outcome: null };
        this.attempts.push(attempt);
        this.inFlight = attempt;
        const pending = fetch(`${this.baseURL}/api/beats`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(15_000) });
        for (const l of this.sentListeners.splice(0)) l(attempt);
        let stored: number[] = [];
        try {
          const res = await pending;
          attempt.outcome = res.status;
          if (res.status === 200) stored = ((await res.json()) as { stored: number[] }).stored;
          else await res.arrayBuffer();
        } catch {
          attempt.outcome = 'network';
          this.stats.networkErrors++;
        }
        this.inFlight = null;
        const status = attempt.outcome;
        if (status !== 'network') this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
        if (status === 200) {
          expect(stored).toEqual(attempt.seqs);
          this.queue.splice(0, batch.length);
          break;
        }
        if (status !== 'network' && status !== 429 && status < 500) throw new Error(`POST /api/beats answered ${status}: the client's batches are valid, so this is a bug`);
        await sleep(status === 429 ? 1000 : 200);
        if (this.abandoned) return;
      }
      await sleep(100);
    }
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

type Stored = { seqs: number[]; segments: number; segmentCount: number; rejected: number; lastSeq: number };

async function storedFor(database: Database, viewId: string): Promise<Stored> {
  const seqs = await database.execute<{ seq: number }>(sql`select seq from view_beats where view_id = ${viewId} order by seq`);
  const [seg] = await database.execute<{ n: number }>(sql`select count(*)::int as n from watch_segments where view_id = ${viewId}`);
  const view = await database.query.videoViews.findFirst({ where: eq(videoViews.id, viewId) });
  return { seqs: seqs.map((r) => r.seq), segments: seg!.n, segmentCount: view?.segmentCount ?? 0, rejected: view?.rejectedSeconds ?? 0, lastSeq: view?.lastSeq ?? -1 };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const seqList = (seqs: number[]) => sql.raw(seqs.map(Number).join(','));

/** Receipts of `seqs` of the view committed so far, by our own connection (commit visibility). */
async function committed(viewId: string, seqs: number[]) {
  const [r] = await db.execute<{ n: number }>(sql`select count(*)::int as n from view_beats where view_id = ${viewId} and seq in (${seqList(seqs)})`);
  return r!.n;
}

type Kill = { mode: string; at: number; restartedAt: number; hit: { client: BeatClient; attempt: Attempt }[] };

test('the app is killed (SIGKILL) mid-ingestion and restarted: every beat is stored exactly once', async ({ browser, makeUser }) => {
  const app = await ownAppServer({});
  const clients: BeatClient[] = [];
  try {
    const author = await makeUser({ role: 'author' });
    const { course, lessonId, videoId } = await videoLesson(db, author.id, { durationSeconds: 600, playback: 'hls' });
    // Three students (the route's rate limit is per viewer), one view each, sending at slightly
    // different paces so that group commits carry one, two or three requests.
    for (const periodMs of [230, 250, 290]) {
      const student = await makeUser({ role: 'student' });
      await enroll(db, course.id, student.id);
      clients.push(new BeatClient(app.baseURL, await ticketFor(browser, app.baseURL, student, videoId, lessonId), periodMs));
    }
    for (const c of clients) c.start();

    const kills: Kill[] = [];
    const killNow = async (mode: string) => {
      const at = Date.now();
      const hit = clients.filter((c) => c.inFlight).map((c) => ({ client: c, attempt: c.inFlight! }));
      await app.stop('SIGKILL'); // the whole process group, no chance to answer or clean up
      await sleep(300);
      await app.start();
      kills.push({ mode, at, restartedAt: Date.now(), hit });
    };
    // 1. A fixed delay after a request left: before it is read, while it waits for its group commit
    //    (10 ms) or is being written.
    for (const delayMs of [2, 15]) {
      await sleep(1500);
      await clients[kills.length % clients.length]!.nextSend();
      await sleep(delayMs);
      await killNow(`+${delayMs} ms after a send`);
    }
    // 2. The moment a batch's receipts are visible to another connection: committed, and (most times)
    //    not yet answered — the answer is lost and the client must resend what is already stored.
    const answerLost = () => kills.some((k) => k.mode === 'on commit' && k.hit.some((h) => h.attempt.outcome === 'network' && h.attempt.startedAt < k.at));
    for (let tries = 0; tries < 6 && !(tries >= 3 && answerLost()); tries++) {
      await sleep(1500);
      const c = clients[tries % clients.length]!;
      for (let waits = 0; waits < 20; waits++) {
        const attempt = await c.nextSend();
        let seen = false;
        while (!seen && c.inFlight === attempt) seen = (await committed(c.view.viewId, attempt.seqs)) === attempt.seqs.length;
        if (seen) break;
      }
      await killNow('on commit');
    }
    await sleep(1500);
    await Promise.all(clients.map((c) => c.finish()));

    // Every beat made is stored once: seqs 0…n-1 without a gap or a duplicate, two segments each.
    for (const c of clients) {
      const s = await storedFor(db, c.view.viewId);
      expect(s.seqs).toEqual(range(c.generated));
      expect(s.segments).toBe(c.stats.segments);
      expect(s.segmentCount).toBe(c.stats.segments);
      expect(s.lastSeq).toBe(c.generated - 1);
      expect(s.rejected).toBe(0);
    }

    // What became of the requests on the wire at each kill.
    const fates: string[] = [];
    let lost = 0;
    let notCommitted = 0;
    for (const k of kills) {
      for (const { client, attempt } of k.hit) {
        const [r] = await db.execute<{ before: number }>(sql`
          select count(*) filter (where received_at < to_timestamp(${k.at / 1000}))::int as before
          from view_beats where view_id = ${client.view.viewId} and seq in (${seqList(attempt.seqs)})`);
        let fate = `answered ${attempt.outcome} just before the kill`;
        if (attempt.outcome === 'network' && r!.before === attempt.seqs.length) {
          lost++;
          fate = 'committed, answer lost → the resend was deduplicated';
        } else if (attempt.outcome === 'network') {
          notCommitted++;
          fate = 'not committed → stored by the resend';
        }
        fates.push(`kill ${k.mode} (down ${k.restartedAt - k.at} ms), view ${clients.indexOf(client) + 1} seq ${attempt.seqs.join(',')}: ${fate}`);
      }
    }
    const summary = clients.map((c, i) => `view ${i + 1}: ${c.generated} beats in ${c.attempts.length} requests (${c.stats.networkErrors} network errors, statuses ${JSON.stringify(c.stats.byStatus)})`);
    test.info().annotations.push({ type: 'kills', description: [...fates, ...summary].join('\n') });
    console.log(`[beats-faults] ${kills.length} kills\n  ${fates.join('\n  ')}\n  ${summary.join('\n  ')}`);
    // The kills cut requests off both before and after their commit.
    expect(notCommitted).toBeGreaterThan(0);
    expect(lost).toBeGreaterThan(0);
  } finally {
    for (const c of clients) c.stop();
    await app.stop();
  }
});

test('PostgreSQL down for ~5 s under a playing lesson: the queued beats are retried and arrive without gaps, coverage keeps growing', async ({ page }) => {
  // A database of its own, which this test stops and starts again (same port, same data).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-beats-outage-'));
  fs.chmodSync(dataDir, 0o755);
  const pgPort: number = await freePort();
  let pg = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'beats_outage', persistent: true });
  const own = createDb(pg.url, { max: 2 });
  let app: Awaited<ReturnType<typeof ownAppServer>> | null = null;
  try {
    await runMigrations(pg.url);
    // Progressive playback of a real file straight from the shared object store: no processing.
    const file = testVideo('beats-outage-120s', { seconds: 120, width: 320, height: 180 });
    const bytes = fs.readFileSync(file);
    const key = `e2e/beats-outage/${randomUUID()}/source`;
    const s3 = new S3Client({
      endpoint: process.env.S3_ENDPOINT,
      region: process.env.S3_REGION ?? 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
    });
    await s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET, Key: key, Body: bytes, ContentType: 'video/mp4' }));
    s3.destroy();
    const author = await createUser(own.db, { role: 'author' });
    const student = await createUser(own.db, { role: 'student' });
    const { course, lessonId } = await videoLesson(own.db, author.id, { durationSeconds: 120, playback: 'progressive', sourceKey: key, size: bytes.length });
    await enroll(own.db, course.id, student.id);
    app = await ownAppServer({ DATABASE_URL: pg.url });

    const beatStatuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/beats') && r.request().method() === 'POST') beatStatuses.push(r.status());
    });
    await signInAt(page, app.baseURL, student);
    const playback = page.waitForResponse((r) => /\/api\/videos\/[^/]+\/playback/.test(r.url()) && r.status() === 200);
    await page.goto(`${app.baseURL}/learn/${course.slug}/${lessonId}`);
    const viewId = ((await (await playback).json()) as { view: View }).view.viewId;
    const video = page.getByTestId('video-player').locator('video');
    const queued = () => page.evaluate((k) => (JSON.parse(localStorage.getItem(k) ?? '{"views":[]}') as { views: { beats: { seq: number }[] }[] }).views.flatMap((v) => v.beats.map((b) => b.seq)), QUEUE_KEY);
    const seqsInDb = async () => {
      try {
        return (await storedFor(own.db, viewId)).seqs;
      } catch {
        return null; // the test's own connection is being re-established
      }
    };
    const coverage = async () => {
      try {
        return (await own.db.query.lessonProgress.findFirst({ where: and(eq(lessonProgress.userId, student.id), eq(lessonProgress.lessonId, lessonId)) }))?.coverage ?? 0;
      } catch {
        return null;
      }
    };

    // Play (muted: autoplay rules) with the player's button, which attaches the source, then pause
    // once so a beat goes out at once; it is stored.
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
    });
    await page.getByTestId('video-player').getByRole('button', { name: 'Play', exact: true }).first().click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(3);
    await video.evaluate((v: HTMLVideoElement) => v.pause());
    await expect.poll(async () => (await seqsInDb())?.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await seqsInDb()).toEqual(range((await seqsInDb())!.length));
    const before = (await coverage())!;
    expect(before).toBeGreaterThan(0);
    await video.evaluate((v: HTMLVideoElement) => v.play());

    // PostgreSQL goes away. The viewer keeps watching: a pause, play, a speed change each make a beat,
    // which the route refuses with 503 and the browser keeps in its queue.
    await pg.stop();
    const downAt = Date.now();
    await sleep(800);
    await video.evaluate((v: HTMLVideoElement) => v.pause());
    await sleep(1000);
    await video.evaluate((v: HTMLVideoElement) => v.play());
    await sleep(1000);
    await video.evaluate((v: HTMLVideoElement) => {
      v.playbackRate = 1.5;
    });
    await expect.poll(async () => (await queued()).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    const queuedDuringOutage = await queued();
    await sleep(Math.max(0, 5_000 - (Date.now() - downAt)));
    expect(beatStatuses).toContain(503);
    expect(await video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(false);

    pg = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'beats_outage', persistent: true });
    const upAt = Date.now();

    // The queue drains by itself (its back-off, or the next 10 s beat), and nothing is missing.
    await expect.poll(async () => (await queued()).length, { timeout: 45_000, intervals: [500] }).toBe(0);
    const drainedAt = Date.now();
    await expect.poll(seqsInDb, { timeout: 10_000 }).not.toBeNull();
    const seqs = (await seqsInDb())!;
    expect(seqs).toEqual(range(seqs.length));
    for (const s of queuedDuringOutage) expect(seqs).toContain(s);
    const after = (await coverage())!;
    expect(after).toBeGreaterThan(before);
    // …and playing on keeps adding coverage (the next beat is at most 10 s away).
    await expect.poll(async () => (await coverage()) ?? 0, { timeout: 25_000, intervals: [1000] }).toBeGreaterThan(after);
    const final = (await seqsInDb())!;
    expect(final).toEqual(range(final.length));

    const note = `outage ${((upAt - downAt) / 1000).toFixed(1)} s; queued during it: seq ${queuedDuringOutage.join(',')}; queue empty ${((drainedAt - upAt) / 1000).toFixed(1)} s after PostgreSQL was back; beat answers ${JSON.stringify(beatStatuses)}; coverage ${before.toFixed(3)} → ${after.toFixed(3)} → growing`;
    test.info().annotations.push({ type: 'outage', description: note });
    console.log(`[beats-faults] ${note}`);
  } finally {
    await app?.stop();
    await own.sql.end({ timeout: 1 }).catch(() => {});
    await pg.stop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
