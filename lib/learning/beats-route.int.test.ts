import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { createCourse, createUser, enroll } from '@/db/factories';
import { courses, lessons, videos, videoViews, viewBeats, watchSegments } from '@/db/schema';
import { POST } from '@/app/api/beats/route';
import { actorOf, makeActor } from '@/lib/courses/test-utils';
import { getPlayback } from '@/lib/videos/playback';
import { BEATS_MAX_BYTES, BEATS_PER_REQUEST, type Beat, type BeatAck } from './beat-protocol';
import { issueViewTicket } from './ticket';

// The beat route as the browser meets it: size cap, strict validation, ticket check, per-viewer
// rate limit, then the group commit. The handler is called directly with a real Request; the
// writes go to the integration database.

const DURATION = 600;
const URL_ = 'http://localhost/api/beats';

/** A published, sequential course of two video lessons (one 600 s video each) and an enrolled student. */
async function setup() {
  const owner = await makeActor('author');
  const course = await createCourse(db, { ownerId: owner.id, status: 'published', modules: 1, lessonsPerModule: 2 });
  await db.update(courses).set({ isSequential: true }).where(eq(courses.id, course.id));
  const lessonIds = course.modules[0]!.lessonIds;
  const videoIds: string[] = [];
  for (const id of lessonIds) {
    const [v] = await db
      .insert(videos)
      .values({ courseId: course.id, filename: 'v.mp4', contentType: 'video/mp4', size: 1, sourceKey: `courses/${course.id}/videos/${id}/source`, partSize: 1, status: 'ready', playback: 'hls', hlsMaster: 'master.m3u8', assetsPrefix: 'x/', durationSeconds: DURATION })
      .returning();
    await db.update(lessons).set({ type: 'video', videoId: v!.id, completionRule: { kind: 'video_coverage', percent: 90 } }).where(eq(lessons.id, id));
    videoIds.push(v!.id);
  }
  const student = actorOf(await createUser(db, { role: 'student' }));
  await enroll(db, course.id, student.id);
  return { course, lessonIds, videoIds, student };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** A ticket for the first lesson, as the playback endpoint would issue it `agoSeconds` ago. */
function ticketFor(s: Setup, agoSeconds = 600, userId: string = s.student.id) {
  return issueViewTicket({ videoId: s.videoIds[0]!, lessonId: s.lessonIds[0]!, courseId: s.course.id, userId, viewerKey: null, durationSeconds: DURATION }, Date.now() - agoSeconds * 1000);
}

/** `n` beats of 10 s playing each, from `startedAt`, seqs from `firstSeq`. */
function beats(startedAt: number, n: number, firstSeq = 0): Beat[] {
  return Array.from({ length: n }, (_, i) => {
    const seq = firstSeq + i;
    return { seq, at: startedAt + (seq + 1) * 10_000, state: 'playing' as const, pos: (seq + 1) * 10, rate: 1, segments: [[seq * 10, seq * 10 + 10, 1]] };
  });
}

const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  POST(new Request(URL_, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, ...(typeof body === 'string' ? {} : { duplex: 'half' }) } as RequestInit));

const postJson = (value: unknown, headers: Record<string, string> = {}) => post(JSON.stringify(value), headers);

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; requestId: string } }).error;

const storedFor = async (viewId: string) => ({
  views: (await db.select({ n: count() }).from(videoViews).where(eq(videoViews.id, viewId)))[0]!.n,
  beats: (await db.select({ n: count() }).from(viewBeats).where(eq(viewBeats.viewId, viewId)))[0]!.n,
  segments: (await db.select({ n: count() }).from(watchSegments).where(eq(watchSegments.viewId, viewId)))[0]!.n,
});

describe('POST /api/beats', () => {
  it('answers 200 with the ack after the commit, and a replay adds nothing', async () => {
    const s = await setup();
    const { ticket, payload } = ticketFor(s);
    const batch = { viewId: payload.viewId, ticket, beats: beats(payload.startedAt, 3) };
    const res = await postJson(batch, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const ack = (await res.json()) as BeatAck;
    expect(ack.stored).toEqual([0, 1, 2]);
    expect(ack.progress).toMatchObject({ completed: false, lastPosition: 30 });
    expect(ack.progress!.coverage).toBeCloseTo(30 / DURATION, 5);
    expect(await storedFor(payload.viewId)).toEqual({ views: 1, beats: 3, segments: 3 });
    expect(await db.query.videoViews.findFirst({ where: eq(videoViews.id, payload.viewId) })).toMatchObject({ device: 'desktop', browser: 'Chrome', lastSeq: 2, segmentCount: 3, userId: s.student.id });

    // The same batch again (a retry after a lost answer): the same ack, no new rows.
    const again = await postJson(batch);
    expect(again.status).toBe(200);
    expect(((await again.json()) as BeatAck).stored).toEqual([0, 1, 2]);
    expect(await storedFor(payload.viewId)).toEqual({ views: 1, beats: 3, segments: 3 });
  });

  describe('413 over 16 KiB', () => {
    const bigBatch = (s: Setup) => {
      const { ticket, payload } = ticketFor(s);
      // Valid in every other way: the size alone is refused.
      const batch = { viewId: payload.viewId, ticket, beats: beats(payload.startedAt, 1).map((b) => ({ ...b, error: { code: 'x'.repeat(80), fatal: false, beforeFirstFrame: false } })) };
      const body = JSON.stringify(batch).replace('"beats"', `"pad":"${'p'.repeat(BEATS_MAX_BYTES)}","beats"`);
      return { body, viewId: payload.viewId };
    };

    it('refuses a body whose content-length is over the cap before reading it', async () => {
      const s = await setup();
      const { ticket, payload } = ticketFor(s);
      const res = await postJson({ viewId: payload.viewId, ticket, beats: beats(payload.startedAt, 1) }, { 'content-length': String(BEATS_MAX_BYTES + 1) });
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toMatchObject({ code: 'VALIDATION' });
      expect(await storedFor(payload.viewId)).toEqual({ views: 0, beats: 0, segments: 0 });
    });

    it('refuses an oversized body sent without content-length (counted while reading)', async () => {
      const s = await setup();
      const { body, viewId } = bigBatch(s);
      expect(Buffer.byteLength(body)).toBeGreaterThan(BEATS_MAX_BYTES);
      const res = await post(body);
      expect(res.status).toBe(413);
      expect(await storedFor(viewId)).toEqual({ views: 0, beats: 0, segments: 0 });
    });

    it('refuses an oversized chunked stream and stops reading it', async () => {
      const s = await setup();
      const { body } = bigBatch(s);
      const bytes = new TextEncoder().encode(body);
      let pulled = 0;
      let cancelled = false;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(pulled, pulled + 1024));
          pulled += 1024;
        },
        cancel() {
          cancelled = true;
        },
      });
      const res = await post(stream);
      expect(res.status).toBe(413);
      expect(cancelled).toBe(true);
    });

    it('accepts a batch just under the cap', async () => {
      const s = await setup();
      const { ticket, payload } = ticketFor(s, 3600);
      const batch = { viewId: payload.viewId, ticket, beats: beats(payload.startedAt, BEATS_PER_REQUEST) };
      const body = JSON.stringify(batch);
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BEATS_MAX_BYTES);
      const res = await post(body, { 'content-length': String(Buffer.byteLength(body)) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as BeatAck).stored).toHaveLength(BEATS_PER_REQUEST);
    });
  });

  describe('400 VALIDATION, nothing stored', () => {
    const cases: [string, (b: { viewId: string; ticket: string; beats: Beat[] }) => unknown, RegExp][] = [
      ['an unknown top-level field', (b) => ({ ...b, userId: 'someone-else' }), /userId|Unrecognized/i],
      ['an unknown field in a beat', (b) => ({ ...b, beats: [{ ...b.beats[0], completed: true }] }), /beats\.0|Unrecognized/i],
      ['seq as a string', (b) => ({ ...b, beats: [{ ...b.beats[0], seq: '1' }] }), /beats\.0\.seq/],
      ['a fractional seq', (b) => ({ ...b, beats: [{ ...b.beats[0], seq: 1.5 }] }), /beats\.0\.seq/],
      ['an unknown state', (b) => ({ ...b, beats: [{ ...b.beats[0], state: 'finished' }] }), /beats\.0\.state/],
      ['a rate out of range', (b) => ({ ...b, beats: [{ ...b.beats[0], rate: 16 }] }), /beats\.0\.rate/],
      ['a segment that is not a triple', (b) => ({ ...b, beats: [{ ...b.beats[0], segments: [[0, 10]] }] }), /beats\.0\.segments/],
      ['a viewId that is not a uuid', (b) => ({ ...b, viewId: 'view-1' }), /viewId/],
      ['no beats', (b) => ({ ...b, beats: [] }), /beats/],
      [`more than ${BEATS_PER_REQUEST} beats`, (b) => ({ ...b, beats: beats(0, BEATS_PER_REQUEST + 1) }), /beats/],
      ['an array instead of an object', (b) => [b], /body|expected object/i],
    ];
    for (const [name, mutate, message] of cases) {
      it(`refuses ${name}`, async () => {
        const s = await setup();
        const { ticket, payload } = ticketFor(s);
        const res = await postJson(mutate({ viewId: payload.viewId, ticket, beats: beats(payload.startedAt, 2) }));
        expect(res.status).toBe(400);
        const error = await errorOf(res);
        expect(error.code).toBe('VALIDATION');
        expect(error.message).toMatch(message);
        expect(error.requestId).toBeTruthy();
        expect(await storedFor(payload.viewId)).toEqual({ views: 0, beats: 0, segments: 0 });
      });
    }

    it('refuses a body that is not JSON', async () => {
      const res = await post('{"viewId": ');
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'VALIDATION', message: 'The body is not valid JSON' });
    });
  });

  describe('403 without a genuine ticket for this view', () => {
    it('refuses a tampered ticket (payload edited to another viewer, signature kept)', async () => {
      const s = await setup();
      const { ticket, payload } = ticketFor(s);
      const other = await createUser(db, { role: 'student' });
      const [body, sig] = ticket.split('.') as [string, string];
      const wire = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = `${Buffer.from(JSON.stringify({ ...wire, u: other.id })).toString('base64url')}.${sig}`;
      const res = await postJson({ viewId: payload.viewId, ticket: forged, beats: beats(payload.startedAt, 1) });
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await storedFor(payload.viewId)).toEqual({ views: 0, beats: 0, segments: 0 });
    });

    it('refuses a ticket whose signature was altered', async () => {
      const s = await setup();
      const { ticket, payload } = ticketFor(s);
      const last = ticket.at(-1) === 'A' ? 'B' : 'A';
      const res = await postJson({ viewId: payload.viewId, ticket: ticket.slice(0, -1) + last, beats: beats(payload.startedAt, 1) });
      expect(res.status).toBe(403);
    });

    it("refuses a genuine ticket of another view (the body's viewId is not the ticket's)", async () => {
      const s = await setup();
      const mine = ticketFor(s);
      const theirs = ticketFor(s);
      const res = await postJson({ viewId: mine.payload.viewId, ticket: theirs.ticket, beats: beats(mine.payload.startedAt, 1) });
      expect(res.status).toBe(403);
      expect(await storedFor(mine.payload.viewId)).toEqual({ views: 0, beats: 0, segments: 0 });
      expect(await storedFor(theirs.payload.viewId)).toEqual({ views: 0, beats: 0, segments: 0 });
    });

    it('refuses an expired ticket', async () => {
      const s = await setup();
      const { ticket, payload } = ticketFor(s, 9 * 3600);
      const res = await postJson({ viewId: payload.viewId, ticket, beats: beats(payload.startedAt, 1) });
      expect(res.status).toBe(403);
    });
  });

  it('answers 429 once the viewer exhausted the bucket, without storing those beats; other viewers are unaffected', async () => {
    const s = await setup();
    // One request per view, all by the same student: the bucket is per viewer, not per view.
    const tickets = Array.from({ length: 25 }, () => ticketFor(s));
    const started = performance.now();
    const responses = await Promise.all(tickets.map(({ ticket, payload }) => postJson({ viewId: payload.viewId, ticket, beats: beats(payload.startedAt, 1) })));
    const seconds = (performance.now() - started) / 1000;
    const statuses = responses.map((r) => r.status);
    const ok = statuses.filter((c) => c === 200).length;
    // Capacity 20, refilled at 1/s: a slow machine may have earned a token or two meanwhile.
    expect(ok).toBeGreaterThanOrEqual(20);
    expect(ok).toBeLessThanOrEqual(20 + Math.ceil(seconds));
    expect(statuses.filter((c) => c === 429).length).toBe(25 - ok);
    const limited = responses.findIndex((r) => r.status === 429);
    expect(await errorOf(responses[limited]!)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await storedFor(tickets[limited]!.payload.viewId)).toEqual({ views: 0, beats: 0, segments: 0 });
    // The next request right away is refused too…
    const next = ticketFor(s);
    expect((await postJson({ viewId: next.payload.viewId, ticket: next.ticket, beats: beats(next.payload.startedAt, 1) })).status).toBe(429);
    // …while another student's view is served.
    const other = await createUser(db, { role: 'student' });
    await enroll(db, s.course.id, other.id);
    const theirs = ticketFor(s, 600, other.id);
    expect((await postJson({ viewId: theirs.payload.viewId, ticket: theirs.ticket, beats: beats(theirs.payload.startedAt, 1) })).status).toBe(200);
  });

  it('gives no ticket (so no beats) for a lesson the viewer may not open', async () => {
    const s = await setup();
    // Lesson 2 of a sequential course is locked until lesson 1 is complete.
    expect(await getPlayback(s.student, s.videoIds[1]!, { lessonId: s.lessonIds[1]! })).toBeNull();
    // A student not enrolled gets nothing for lesson 1 either; a visitor neither (not a free preview).
    const stranger = actorOf(await createUser(db, { role: 'student' }));
    expect(await getPlayback(stranger, s.videoIds[0]!, { lessonId: s.lessonIds[0]! })).toBeNull();
    expect(await getPlayback(null, s.videoIds[0]!, { lessonId: s.lessonIds[0]!, viewerKey: 'anon-key' })).toBeNull();
    // Lesson 1 is open: its playback carries a ticket the route accepts.
    const open = await getPlayback(s.student, s.videoIds[0]!, { lessonId: s.lessonIds[0]! });
    expect(open?.view).toBeTruthy();
    const res = await postJson({ viewId: open!.view!.viewId, ticket: open!.view!.ticket, beats: [{ seq: 0, at: Date.now(), state: 'paused', pos: 0, rate: 1, segments: [] }] });
    expect(res.status).toBe(200);
    // A ticket of lesson 1 does not open lesson 2: its beats count for lesson 1 only.
    expect(await db.query.videoViews.findFirst({ where: eq(videoViews.id, open!.view!.viewId) })).toMatchObject({ lessonId: s.lessonIds[0], videoId: s.videoIds[0] });
  });
});
