import { describe, expect, it } from 'vitest';
import { canStartAttempt, cooldownEndsAt, deadlineFor, GRACE_SECONDS, isPastDeadline } from './timing';

const t0 = new Date('2026-01-01T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('time limit', () => {
  it('the deadline is the start plus the limit; none without a limit', () => {
    expect(deadlineFor(t0, 600)).toEqual(at(600));
    expect(deadlineFor(t0, null)).toBeNull();
  });

  it('answers are accepted until the deadline plus the grace period', () => {
    const d = at(600);
    expect(isPastDeadline(d, at(599))).toBe(false);
    expect(isPastDeadline(d, at(600 + GRACE_SECONDS))).toBe(false);
    expect(isPastDeadline(d, at(600 + GRACE_SECONDS + 1))).toBe(true);
    expect(isPastDeadline(null, at(1e6))).toBe(false);
  });
});

describe('attempts and cooldown', () => {
  it('cooldown runs from the last submission', () => {
    expect(cooldownEndsAt(t0, 10, at(60))).toEqual(at(600));
    expect(cooldownEndsAt(t0, 10, at(600))).toBeNull();
    expect(cooldownEndsAt(t0, 0, at(1))).toBeNull();
    expect(cooldownEndsAt(null, 10, at(1))).toBeNull();
  });

  it('refuses when attempts are used up, then when cooling down', () => {
    expect(canStartAttempt({ used: 3, attemptsAllowed: 3, lastSubmittedAt: t0, cooldownMinutes: 0, now: at(1) })).toEqual({ ok: false, reason: 'attempts_exhausted' });
    expect(canStartAttempt({ used: 1, attemptsAllowed: 3, lastSubmittedAt: t0, cooldownMinutes: 5, now: at(60) })).toEqual({ ok: false, reason: 'cooldown', retryAt: at(300) });
    expect(canStartAttempt({ used: 1, attemptsAllowed: 3, lastSubmittedAt: t0, cooldownMinutes: 5, now: at(301) })).toEqual({ ok: true });
    expect(canStartAttempt({ used: 99, attemptsAllowed: null, lastSubmittedAt: null, cooldownMinutes: 0, now: t0 })).toEqual({ ok: true });
  });
});
