// Time rules of attempts, decided on the server. Pure: `now` is passed in.

/** Answers and submits are accepted this long after the deadline (network latency, a slow click). */
export const GRACE_SECONDS = 5;

export function deadlineFor(startedAt: Date, timeLimitSeconds: number | null): Date | null {
  return timeLimitSeconds ? new Date(startedAt.getTime() + timeLimitSeconds * 1000) : null;
}

/** True once the deadline plus the grace period has passed: new answers are refused from then on. */
export function isPastDeadline(deadlineAt: Date | null, now: Date, graceSeconds = GRACE_SECONDS): boolean {
  return deadlineAt !== null && now.getTime() > deadlineAt.getTime() + graceSeconds * 1000;
}

/** When the next attempt may start after the last submitted one; null when it may start now. */
export function cooldownEndsAt(lastSubmittedAt: Date | null, cooldownMinutes: number, now: Date): Date | null {
  if (!lastSubmittedAt || cooldownMinutes <= 0) return null;
  const ends = new Date(lastSubmittedAt.getTime() + cooldownMinutes * 60_000);
  return ends > now ? ends : null;
}

export type StartCheck = { ok: true } | { ok: false; reason: 'attempts_exhausted' } | { ok: false; reason: 'cooldown'; retryAt: Date };

/** Whether a new attempt may start: attempts left and no cooldown running. */
export function canStartAttempt(p: { used: number; attemptsAllowed: number | null; lastSubmittedAt: Date | null; cooldownMinutes: number; now: Date }): StartCheck {
  if (p.attemptsAllowed !== null && p.used >= p.attemptsAllowed) return { ok: false, reason: 'attempts_exhausted' };
  const retryAt = cooldownEndsAt(p.lastSubmittedAt, p.cooldownMinutes, p.now);
  return retryAt ? { ok: false, reason: 'cooldown', retryAt } : { ok: true };
}
