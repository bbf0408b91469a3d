/**
 * Pure throttling rule for sign-in, shared by the per-account and per-IP checks.
 * After `max` failures inside `windowMs` (counted since the last success), further attempts wait:
 * 30 s after the `max`-th failure, doubling with each failure beyond it, capped at the window.
 */
export function throttleDelayMs(failureTimes: number[], now: number, max: number, windowMs: number, baseMs = 30_000): number {
  const recent = failureTimes.filter((t) => now - t < windowMs).sort((a, b) => a - b);
  if (recent.length < max) return 0;
  const over = recent.length - max;
  const delay = Math.min(windowMs, baseMs * 2 ** Math.min(over, 20));
  const last = recent[recent.length - 1]!;
  return Math.max(0, last + delay - now);
}
