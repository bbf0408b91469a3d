// A per-process token bucket keyed by viewer: enough to stop a runaway or hostile client from
// flooding the beat endpoint (a real player sends about one request per 10 s).

type Bucket = { tokens: number; at: number };
const buckets = new Map<string, Bucket>();
const MAX_KEYS = 100_000;

export function takeToken(key: string, opts: { capacity: number; perSecond: number }, now = Date.now()): boolean {
  let b = buckets.get(key);
  if (!b) {
    if (buckets.size >= MAX_KEYS) buckets.clear(); // bounded memory; a reset only forgives briefly
    b = { tokens: opts.capacity, at: now };
    buckets.set(key, b);
  }
  b.tokens = Math.min(opts.capacity, b.tokens + ((now - b.at) / 1000) * opts.perSecond);
  b.at = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}
