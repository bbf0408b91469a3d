import postgres from 'postgres';
import { env } from '@/lib/env';

// A dedicated one-connection client for liveness checks: a probe must answer even when the main
// pool is saturated, and must fail within ~2 s when the server is gone.
const g = globalThis as unknown as { __lecternProbe?: postgres.Sql; __lecternDbState?: { ok: boolean; at: number; error?: string } };
const probe = (g.__lecternProbe ??= postgres(env.DATABASE_URL, { max: 1, connect_timeout: 2, idle_timeout: 30, onnotice: () => {} }));

/** Pings now and records the result, so the proxy's cached view follows every health check too. */
export async function pingDatabase(): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  let result: { ok: boolean; latencyMs: number; error?: string };
  try {
    await Promise.race([probe`select 1`, new Promise((_, rej) => setTimeout(() => rej(new Error('timeout after 2000 ms')), 2000))]);
    result = { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (e) {
    result = { ok: false, latencyMs: Math.round(performance.now() - started), error: e instanceof Error ? e.message : String(e) };
  }
  g.__lecternDbState = { ok: result.ok, at: Date.now(), error: result.error };
  return result;
}

/** Cached for the proxy: a healthy result is trusted for 1 s, a failure re-checked after 1 s. */
export async function isDatabaseUp(): Promise<boolean> {
  const now = Date.now();
  const s = g.__lecternDbState;
  if (s && now - s.at < 1000) return s.ok;
  return (await pingDatabase()).ok;
}
