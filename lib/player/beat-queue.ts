import { BEATS_MAX_BYTES, BEATS_PER_REQUEST } from '@/lib/learning/beat-constants';
import type { Beat, BeatAck, BeatBatch } from '@/lib/learning/beat-protocol';

// The browser side of beat delivery (docs: ../shared/docs/video.md §4). Beats wait in localStorage
// until the server acknowledges them, so a beat made just before a crash, a lost connection or a
// closed tab is sent by the next page that has a player — even one of another video. The server is
// idempotent on (viewId, seq), so sending a beat twice (a beacon, then a fetch) is harmless.
//
// Every operation reads the stored queue, changes it and writes it back at once, so two tabs of the
// same site lose at most a beat in a rare race instead of overwriting each other's queues wholesale.

export const QUEUE_KEY = 'lectern-beats-v1';
/** Beats kept in all; beyond this the oldest are dropped (a very long offline spell). */
export const MAX_QUEUED_BEATS = 500;
export const BEATS_ENDPOINT = '/api/beats';

export type QueuedView = { viewId: string; ticket: string; beats: Beat[] };
export type QueueState = { views: QueuedView[] };

// ── pure helpers (unit-tested) ──

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const looksLikeBeat = (b: unknown): b is Beat =>
  isObj(b) && Number.isInteger(b.seq) && typeof b.at === 'number' && typeof b.state === 'string' && typeof b.pos === 'number' && Array.isArray(b.segments);

/** Reads a stored queue; anything malformed (another version, a hand edit) is dropped. */
export function parseQueue(raw: string | null): QueueState {
  if (!raw) return { views: [] };
  try {
    const data: unknown = JSON.parse(raw);
    if (!isObj(data) || !Array.isArray(data.views)) return { views: [] };
    const views: QueuedView[] = [];
    for (const v of data.views) {
      if (!isObj(v) || typeof v.viewId !== 'string' || typeof v.ticket !== 'string' || !Array.isArray(v.beats)) continue;
      const beats = v.beats.filter(looksLikeBeat);
      if (beats.length) views.push({ viewId: v.viewId, ticket: v.ticket, beats });
    }
    return { views };
  } catch {
    return { views: [] };
  }
}

export const serializeQueue = (q: QueueState): string => JSON.stringify({ v: 1, views: q.views });

export const countBeats = (q: QueueState): number => q.views.reduce((n, v) => n + v.beats.length, 0);

/** Adds a beat (replacing one with the same seq), then drops the oldest beats beyond `max`. */
export function addBeat(q: QueueState, viewId: string, ticket: string, beat: Beat, max = MAX_QUEUED_BEATS): QueueState {
  const views = q.views.map((v) => ({ ...v, beats: [...v.beats] }));
  let view = views.find((v) => v.viewId === viewId);
  if (!view) {
    view = { viewId, ticket, beats: [] };
    views.push(view);
  }
  view.ticket = ticket;
  view.beats = view.beats.filter((b) => b.seq !== beat.seq);
  view.beats.push(beat);
  view.beats.sort((a, b) => a.seq - b.seq);
  return bound({ views }, max);
}

/** Keeps the newest `max` beats (by their `at`, then seq). */
export function bound(q: QueueState, max = MAX_QUEUED_BEATS): QueueState {
  const total = countBeats(q);
  if (total <= max) return q;
  const all = q.views.flatMap((v) => v.beats.map((b) => ({ viewId: v.viewId, b })));
  all.sort((x, y) => x.b.at - y.b.at || x.b.seq - y.b.seq);
  const drop = new Set(all.slice(0, total - max).map((e) => e.b));
  return { views: q.views.map((v) => ({ ...v, beats: v.beats.filter((b) => !drop.has(b)) })).filter((v) => v.beats.length > 0) };
}

/** Removes the given seqs of one view (acknowledged, or refused for good). */
export function removeBeats(q: QueueState, viewId: string, seqs: Iterable<number>): QueueState {
  const gone = new Set(seqs);
  return {
    views: q.views
      .map((v) => (v.viewId === viewId ? { ...v, beats: v.beats.filter((b) => !gone.has(b.seq)) } : v))
      .filter((v) => v.beats.length > 0),
  };
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;

/**
 * The requests that send the whole queue: one view per request, in seq order, at most
 * BEATS_PER_REQUEST beats and BEATS_MAX_BYTES bytes each. A single beat larger than the limit
 * still goes alone (the server answers 413 and the queue drops it).
 */
export function planBatches(q: QueueState, maxBeats = BEATS_PER_REQUEST, maxBytes = BEATS_MAX_BYTES): BeatBatch[] {
  const out: BeatBatch[] = [];
  for (const v of q.views) {
    const beats = [...v.beats].sort((a, b) => a.seq - b.seq);
    let chunk: Beat[] = [];
    const fits = (c: Beat[]) => c.length <= maxBeats && byteLength(JSON.stringify({ viewId: v.viewId, ticket: v.ticket, beats: c })) <= maxBytes;
    for (const b of beats) {
      if (chunk.length && !fits([...chunk, b])) {
        out.push({ viewId: v.viewId, ticket: v.ticket, beats: chunk });
        chunk = [];
      }
      chunk.push(b);
    }
    if (chunk.length) out.push({ viewId: v.viewId, ticket: v.ticket, beats: chunk });
  }
  return out;
}

/** What to do with a batch after the server's answer. */
export function classifyStatus(status: number): 'ok' | 'retry' | 'drop' {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'drop';
}

/** Exponential back-off with jitter: ~1 s, 2 s, 4 s … capped at 60 s. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6));
  return Math.round(base * (0.5 + random() / 2));
}

// ── the browser queue ──

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
export type AckListener = (ack: BeatAck, viewId: string) => void;

export type BeatQueueDeps = {
  storage: StorageLike | null;
  fetch: typeof fetch;
  sendBeacon?: (url: string, data: Blob) => boolean;
  endpoint?: string;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
  random?: () => number;
  log?: Pick<Console, 'warn' | 'error'>;
};

export class BeatQueue {
  private storage: StorageLike | null;
  /** Used when localStorage is missing or full: beats then live as long as the page. */
  private memory: QueueState = { views: [] };
  private listeners = new Set<AckListener>();
  private beaconed = new Set<string>();
  private running: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  private timer: unknown = null;
  private readonly endpoint: string;

  constructor(private deps: BeatQueueDeps) {
    this.storage = deps.storage;
    this.endpoint = deps.endpoint ?? BEATS_ENDPOINT;
  }

  /** Stores a beat for sending. The caller has the view's ticket from the playback endpoint. */
  enqueue(viewId: string, ticket: string, beat: Beat): void {
    this.write(addBeat(this.read(), viewId, ticket, beat));
  }

  /** Beats waiting in the queue (all views). */
  size(): number {
    return countBeats(this.read());
  }

  onAck(listener: AckListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends everything queued with fetch; resolves when the queue is empty or a retry is scheduled. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clearRetry();
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Retries at once (the browser is back online). */
  retryNow(): Promise<void> {
    this.attempt = 0;
    return this.flush();
  }

  /**
   * Hands the queue to the browser for a page that may be going away. The beats stay queued: the
   * next fetch flush (on this page or the next) removes them once acknowledged.
   */
  flushWithBeacon(): void {
    const send = this.deps.sendBeacon;
    if (!send) {
      void this.flush();
      return;
    }
    // Browsers limit in-flight beacon data to 64 KiB in all; leave room for others. A beat this page
    // already handed to a beacon is not sent by beacon again (pagehide follows visibilitychange).
    let budget = 48 * 1024;
    const q = this.read();
    const fresh = { views: q.views.map((v) => ({ ...v, beats: v.beats.filter((b) => !this.beaconed.has(`${v.viewId}:${b.seq}`)) })).filter((v) => v.beats.length) };
    for (const batch of planBatches(fresh)) {
      const body = JSON.stringify(batch);
      const bytes = byteLength(body);
      if (bytes > budget) break;
      budget -= bytes;
      if (!send(this.endpoint, new Blob([body], { type: 'application/json' }))) break;
      for (const b of batch.beats) this.beaconed.add(`${batch.viewId}:${b.seq}`);
    }
  }

  private async drain(): Promise<void> {
    // Each pass removes every beat it sent (acknowledged or refused), so passes always progress.
    for (let pass = 0; pass < 50; pass++) {
      this.again = false;
      const batches = planBatches(this.read());
      if (!batches.length) {
        this.attempt = 0;
        return;
      }
      for (const batch of batches) {
        const outcome = await this.send(batch);
        if (outcome.retry) {
          this.scheduleRetry(outcome.afterMs);
          return;
        }
      }
      this.attempt = 0;
    }
  }

  private async send(batch: BeatBatch): Promise<{ retry: false } | { retry: true; afterMs?: number }> {
    const seqs = batch.beats.map((b) => b.seq);
    let res: Response;
    try {
      res = await this.deps.fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
        keepalive: true,
        credentials: 'same-origin',
      });
    } catch {
      return { retry: true };
    }
    const kind = classifyStatus(res.status);
    if (kind === 'retry') {
      const after = Number(res.headers.get('retry-after'));
      return { retry: true, afterMs: Number.isFinite(after) && after > 0 ? Math.min(after, 300) * 1000 : undefined };
    }
    if (kind === 'drop') {
      const detail = await res.text().catch(() => '');
      (this.deps.log ?? console).error(`[beats] dropped ${seqs.length} beat(s) of view ${batch.viewId}: HTTP ${res.status} ${detail.slice(0, 300)}`);
      this.write(removeBeats(this.read(), batch.viewId, seqs));
      return { retry: false };
    }
    const ack = (await res.json().catch(() => null)) as BeatAck | null;
    const stored = Array.isArray(ack?.stored) ? ack.stored : [];
    const refused = seqs.filter((s) => !stored.includes(s));
    // A 200 that leaves out some seqs means the server saw and refused them: resending cannot help.
    if (refused.length) (this.deps.log ?? console).warn(`[beats] view ${batch.viewId}: server did not store seq ${refused.join(', ')}`);
    this.write(removeBeats(this.read(), batch.viewId, seqs));
    if (ack) for (const l of this.listeners) l({ stored, progress: ack.progress ?? null }, batch.viewId);
    return { retry: false };
  }

  private scheduleRetry(afterMs?: number): void {
    this.clearRetry();
    const ms = afterMs ?? backoffMs(this.attempt, this.deps.random);
    this.attempt += 1;
    const set = this.deps.setTimer ?? ((fn: () => void, t: number) => setTimeout(fn, t));
    this.timer = set(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private clearRetry(): void {
    if (this.timer === null) return;
    (this.deps.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = null;
  }

  private read(): QueueState {
    if (!this.storage) return this.memory;
    try {
      return parseQueue(this.storage.getItem(QUEUE_KEY));
    } catch {
      this.storage = null;
      return this.memory;
    }
  }

  private write(q: QueueState): void {
    if (this.storage) {
      try {
        if (q.views.length) this.storage.setItem(QUEUE_KEY, serializeQueue(q));
        else this.storage.removeItem(QUEUE_KEY);
        return;
      } catch {
        // Quota exceeded or storage blocked: keep the beats for this page's life instead.
        this.storage = null;
      }
    }
    this.memory = q;
  }
}

let shared: BeatQueue | null = null;

/**
 * The page's queue. The first call (by the first player on a page) also sends what earlier pages
 * left behind and retries at once when the browser comes back online. Browser only.
 */
export function getBeatQueue(): BeatQueue {
  if (shared) return shared;
  let storage: StorageLike | null = null;
  try {
    storage = window.localStorage;
  } catch {
    // Storage blocked (privacy settings, sandboxed frame): the queue lives in memory.
  }
  const queue = new BeatQueue({
    storage,
    fetch: (...args) => window.fetch(...args),
    sendBeacon: typeof navigator.sendBeacon === 'function' ? (url, data) => navigator.sendBeacon(url, data) : undefined,
  });
  shared = queue;
  window.addEventListener('online', () => void queue.retryNow());
  void queue.flush();
  return queue;
}
