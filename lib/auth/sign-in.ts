import 'server-only';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { signInAttempts, users } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { env } from '@/lib/env';
import { loggerFor } from '@/lib/logger';
import { verifyPassword } from './password';
import { isBlockedAt } from './roles';
import { throttleDelayMs } from './throttle';
import { signInSchema } from '@/lib/users/schemas';

const WINDOW_MS = 15 * 60 * 1000;
const log = loggerFor('auth');

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: 'invalid' | 'blocked' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

async function failureTimes(column: 'email' | 'ip', value: string, since: Date): Promise<number[]> {
  const col = column === 'email' ? signInAttempts.email : signInAttempts.ip;
  // Failures count only after the last success for that account/IP.
  const rows = await db
    .select({ createdAt: signInAttempts.createdAt, success: signInAttempts.success })
    .from(signInAttempts)
    .where(and(eq(col, value), gt(signInAttempts.createdAt, since)))
    .orderBy(desc(signInAttempts.createdAt))
    .limit(200);
  const out: number[] = [];
  for (const r of rows) {
    if (r.success && column === 'email') break;
    if (!r.success) out.push(r.createdAt.getTime());
  }
  return out;
}

/** Seconds until this email/IP may try again, 0 when allowed. */
export async function signInRetryAfter(email: string, ip: string): Promise<number> {
  const now = Date.now();
  const since = new Date(now - WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([failureTimes('email', email, since), failureTimes('ip', ip, since)]);
  const wait = Math.max(
    throttleDelayMs(byEmail, now, env.SIGNIN_MAX_FAILURES_PER_ACCOUNT, WINDOW_MS),
    throttleDelayMs(byIp, now, env.SIGNIN_MAX_FAILURES_PER_IP, WINDOW_MS),
  );
  return Math.ceil(wait / 1000);
}

/**
 * The whole credentials check: throttle → password → blocked. Callers: Auth.js `authorize` only.
 * Messages never say whether the email exists.
 */
export async function checkCredentials(raw: { email: string; password: string }, ip: string): Promise<CredentialsResult> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;

  const retryAfterSeconds = await signInRetryAfter(email, ip);
  if (retryAfterSeconds > 0) {
    log.warn({ email, ip, retryAfterSeconds }, 'sign-in throttled');
    return { ok: false, reason: 'throttled', retryAfterSeconds };
  }

  const user = await db.query.users.findFirst({ where: eq(users.email, email) });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  await db.insert(signInAttempts).values({ email, ip, success: valid });

  if (!user || !valid) {
    await writeAudit(db, { actorId: user?.id ?? null, action: 'auth.sign_in_failed', targetType: 'user', targetId: user?.id, ip, data: { email } });
    return { ok: false, reason: 'invalid' };
  }
  if (isBlockedAt(user)) {
    await writeAudit(db, { actorId: user.id, action: 'auth.sign_in_blocked', targetType: 'user', targetId: user.id, ip });
    return { ok: false, reason: 'blocked' };
  }
  await db.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, user.id));
  await writeAudit(db, { actorId: user.id, action: 'auth.sign_in', targetType: 'user', targetId: user.id, ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

export async function getSessionVersion(userId: string): Promise<number> {
  const row = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { sessionVersion: true } });
  return row?.sessionVersion ?? 0;
}

export async function isUserBlocked(userId: string): Promise<boolean> {
  const row = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { blockedAt: true, blockedUntil: true } });
  return Boolean(row && isBlockedAt(row));
}
