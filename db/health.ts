import postgres from 'postgres';
import { env } from '@/lib/env';

// A dedicated one-connection client for liveness checks: a probe must answer even when the main
// pool is saturated, and must fail within ~2 s when the server is gone.
const g = globalThis as unknown as { __lecternProbe?: postgres.Sql; __lecternDbState?: { ok: boolean; at: number; error?: string } };
const probe = (g.__lecternProbe ??= postgres(env.DATABASE_URL, { max: 1, connect_timeout: 2, idle_timeout: 30, onnotice: () => {} }));

export async function pingDatabase(): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    await Promise.race([probe`select 1`, new Promise((_, rej) => setTimeout(() => rej(new Error('timeout after 2000 ms')), 2000))]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (e) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: e instanceof Error ? e.message : String(e) };
  }
}

/** Cached for the proxy: healthy results are trusted for 2 s, failures re-checked after 1 s. */
export async function isDatabaseUp(): Promise<boolean> {
  const now = Date.now();
  const s = g.__lecternDbState;
  if (s && now - s.at < (s.ok ? 2000 : 1000)) return s.ok;
  const r = await pingDatabase();
  g.__lecternDbState = { ok: r.ok, at: Date.now(), error: r.error };
  return r.ok;
}
