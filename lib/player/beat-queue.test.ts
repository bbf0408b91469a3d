import { describe, expect, it, vi } from 'vitest';
import { BEATS_MAX_BYTES, BEATS_PER_REQUEST, type Beat } from '@/lib/learning/beat-protocol';
import { BeatQueue, QUEUE_KEY, addBeat, backoffMs, bound, classifyStatus, countBeats, parseQueue, planBatches, removeBeats, type QueueState } from './beat-queue';

const V1 = '00000000-0000-4000-8000-000000000001';
const V2 = '00000000-0000-4000-8000-000000000002';
const TICKET = 't'.repeat(40);
const beat = (seq: number, at = 1000 + seq, extra: Partial<Beat> = {}): Beat => ({ seq, at, state: 'playing', pos: seq * 10, rate: 1, segments: [[seq * 10, seq * 10 + 10, 1]], ...extra });

function fakeStorage() {
  const m = new Map<string, string>();
  return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

const fill = (viewId: string, n: number, q: QueueState = { views: [] }) => {
  for (let i = 0; i < n; i++) q = addBeat(q, viewId, TICKET, beat(i));
  return q;
};

describe('queue state', () => {
  it('adds beats per view in seq order, replaces an equal seq and keeps the newest ticket', () => {
    let q = addBeat({ views: [] }, V1, 'a'.repeat(30), beat(2));
    q = addBeat(q, V1, TICKET, beat(1));
    q = addBeat(q, V1, TICKET, beat(2, 5000));
    q = addBeat(q, V2, TICKET, beat(0));
    expect(q.views.map((v) => v.viewId)).toEqual([V1, V2]);
    expect(q.views[0]!.beats.map((b) => [b.seq, b.at])).toEqual([
      [1, 1001],
      [2, 5000],
    ]);
    expect(q.views[0]!.ticket).toBe(TICKET);
  });

  it('removes acknowledged seqs and forgets empty views', () => {
    let q = fill(V1, 3);
    q = addBeat(q, V2, TICKET, beat(0));
    q = removeBeats(q, V1, [0, 2]);
    expect(q.views[0]!.beats.map((b) => b.seq)).toEqual([1]);
    q = removeBeats(q, V2, [0]);
    expect(q.views.map((v) => v.viewId)).toEqual([V1]);
  });

  it('is bounded: the oldest beats (by time, across views) are dropped first', () => {
    let q: QueueState = { views: [] };
    q = addBeat(q, V1, TICKET, beat(0, 1), 3);
    q = addBeat(q, V2, TICKET, beat(0, 2), 3);
    q = addBeat(q, V1, TICKET, beat(1, 3), 3);
    q = addBeat(q, V2, TICKET, beat(1, 4), 3);
    expect(countBeats(q)).toBe(3);
    expect(q.views.find((v) => v.viewId === V1)!.beats.map((b) => b.seq)).toEqual([1]);
    expect(bound(fill(V1, 600)).views[0]!.beats).toHaveLength(500);
  });

  it('chunks per view by count and by bytes', () => {
    const q = addBeat(fill(V1, 70), V2, TICKET, beat(0));
    const batches = planBatches(q);
    expect(batches.map((b) => [b.viewId, b.beats.length])).toEqual([
      [V1, BEATS_PER_REQUEST],
      [V1, BEATS_PER_REQUEST],
      [V1, 10],
      [V2, 1],
    ]);
    expect(batches[1]!.beats[0]!.seq).toBe(30);
    const fat = (seq: number) => beat(seq, seq, { segments: Array.from({ length: 20 }, (_, i) => [i * 1.123456, i * 1.123456 + 0.5, 1.25] as [number, number, number]), seeks: Array.from({ length: 20 }, (_, i) => [i * 7.654321, i * 3.2] as [number, number]) });
    let big: QueueState = { views: [] };
    for (let i = 0; i < 30; i++) big = addBeat(big, V1, TICKET, fat(i));
    const chunks = planBatches(big);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(new TextEncoder().encode(JSON.stringify(c)).length).toBeLessThanOrEqual(BEATS_MAX_BYTES);
    expect(chunks.flatMap((c) => c.beats.map((b) => b.seq))).toEqual([...Array(30).keys()]);
  });

  it('drops malformed stored data', () => {
    expect(parseQueue('{oops')).toEqual({ views: [] });
    expect(parseQueue(JSON.stringify({ views: [{ viewId: V1, ticket: TICKET, beats: [{ seq: 'x' }, beat(1)] }, { nope: 1 }] })).views).toEqual([{ viewId: V1, ticket: TICKET, beats: [beat(1)] }]);
  });

  it('classifies answers and backs off', () => {
    expect([200, 400, 403, 413, 429, 500, 503].map(classifyStatus)).toEqual(['ok', 'drop', 'drop', 'drop', 'retry', 'retry', 'retry']);
    expect(backoffMs(0, () => 1)).toBe(1000);
    expect(backoffMs(3, () => 1)).toBe(8000);
    expect(backoffMs(20, () => 1)).toBe(60_000);
    expect(backoffMs(2, () => 0)).toBe(2000);
  });
});

describe('BeatQueue', () => {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('persists beats, posts them per view with keepalive, removes stored seqs and notifies listeners', async () => {
    const storage = fakeStorage();
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init!.body));
      return json(200, { stored: body.beats.map((b: Beat) => b.seq), progress: { coverage: 0.5, completed: false, lastPosition: 20 } });
    });
    const q = new BeatQueue({ storage, fetch: fetch as typeof globalThis.fetch });
    q.enqueue(V1, TICKET, beat(0));
    q.enqueue(V1, TICKET, beat(1));
    q.enqueue(V2, TICKET, beat(0));
    expect(parseQueue(storage.m.get(QUEUE_KEY)!).views).toHaveLength(2);
    const acks: [string, number | undefined][] = [];
    q.onAck((ack, viewId) => acks.push([viewId, ack.progress?.coverage]));
    await q.flush();
    expect(fetch).toHaveBeenCalledTimes(2);
    const init = fetch.mock.calls[0]![1]!;
    expect(init.keepalive).toBe(true);
    expect(JSON.parse(String(init.body))).toMatchObject({ viewId: V1, ticket: TICKET, beats: [{ seq: 0 }, { seq: 1 }] });
    expect(storage.m.has(QUEUE_KEY)).toBe(false);
    expect(acks).toEqual([
      [V1, 0.5],
      [V2, 0.5],
    ]);
  });

  it('keeps the batch and retries with back-off on 5xx and network errors, drops it on 400', async () => {
    const storage = fakeStorage();
    const timers: [() => void, number][] = [];
    const answers: (() => Response)[] = [() => json(503, {}), () => { throw new TypeError('offline'); }, () => json(200, { stored: [0], progress: null })];
    const fetch = vi.fn(async () => answers.shift()!());
    const log = { warn: vi.fn(), error: vi.fn() };
    const q = new BeatQueue({ storage, fetch: fetch as unknown as typeof globalThis.fetch, setTimer: (fn, ms) => timers.push([fn, ms]), clearTimer: () => {}, random: () => 1, log });
    q.enqueue(V1, TICKET, beat(0));
    await q.flush();
    expect(q.size()).toBe(1);
    expect(timers.map((t) => t[1])).toEqual([1000]);
    timers.shift()![0]();
    await q.flush();
    expect(q.size()).toBe(1);
    expect(timers.map((t) => t[1])).toEqual([2000]);
    timers.shift()![0]();
    await q.flush();
    expect(q.size()).toBe(0);

    q.enqueue(V2, TICKET, beat(0));
    answers.push(() => json(400, { error: { code: 'VALIDATION', message: 'bad' } }));
    await q.flush();
    expect(q.size()).toBe(0);
    expect(log.error).toHaveBeenCalledOnce();
  });

  it('sends a beacon per batch and keeps the beats queued', () => {
    const storage = fakeStorage();
    const sent: string[] = [];
    const q = new BeatQueue({ storage, fetch: vi.fn() as unknown as typeof globalThis.fetch, sendBeacon: (url) => (sent.push(url), true) });
    for (let i = 0; i < 35; i++) q.enqueue(V1, TICKET, beat(i));
    q.flushWithBeacon();
    expect(sent).toEqual(['/api/beats', '/api/beats']);
    expect(q.size()).toBe(35);
    // A second beacon (pagehide after visibilitychange) sends only what is new.
    q.enqueue(V1, TICKET, beat(35));
    q.flushWithBeacon();
    expect(sent).toHaveLength(3);
  });

  it('falls back to memory when storage throws', async () => {
    const storage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    const q = new BeatQueue({ storage, fetch: vi.fn() as unknown as typeof globalThis.fetch });
    q.enqueue(V1, TICKET, beat(0));
    expect(q.size()).toBe(1);
  });
});
