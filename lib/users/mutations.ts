import 'server-only';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { sha256 } from '@/lib/crypto';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { passwordResetTokens, users, type PlatformRole } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session';
import { AppError, validationError } from '@/lib/errors';
import { env } from '@/lib/env';

type Meta = { ip?: string; requestId?: string };

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** Creates a user with a hashed password. Caller has validated input and authorized the role. */
export async function insertUser(tx: Tx, input: { email: string; name: string; password: string; role: PlatformRole }) {
  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, role: input.role })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw validationError({ email: ['validation.emailTaken'] });
    throw e;
  }
}

/** Public sign-up: always a student. Caller has checked that registration is open. */
export async function registerStudent(input: { email: string; name: string; password: string }, meta: Meta) {
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, { ...input, role: 'student' });
    await writeAudit(tx, { actorId: user.id, action: 'user.sign_up', targetType: 'user', targetId: user.id, ...meta });
    return user;
  });
}

/** Caller: the signed-in user changing their own password. */
export async function changeOwnPassword(actor: SessionUser, input: { currentPassword: string; newPassword: string }, meta: Meta) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update');
    if (!row) throw new AppError('NOT_FOUND');
    if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
      throw validationError({ currentPassword: ['validation.currentPasswordWrong'] });
    }
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.newPassword), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, actor.id));
    await writeAudit(tx, { actorId: actor.id, action: 'user.password_changed', targetType: 'user', targetId: actor.id, ...meta });
  });
}

/** Locks the target user row; refuses changes that would leave the platform without an active admin. */
async function lockTarget(tx: Tx, userId: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function assertNotLastAdmin(tx: Tx, userId: string) {
  // Serialize admin-count checks so two concurrent demotions cannot both pass.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lectern:admins'))`);
  const [r] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.blockedAt), sql`${users.id} <> ${userId}`));
  if ((r?.n ?? 0) === 0) throw new AppError('CONFLICT', undefined, { messageKey: 'lastAdmin' });
}

/** Caller: an admin (checked by the action). */
export async function changeUserRole(actor: SessionUser, input: { userId: string; role: PlatformRole }, meta: Meta) {
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, input.userId);
    if (target.role === input.role) return { changed: false };
    if (target.role === 'admin') await assertNotLastAdmin(tx, target.id);
    await tx
      .update(users)
      .set({ role: input.role, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, target.id));
    await writeAudit(tx, { actorId: actor.id, action: 'user.role_changed', targetType: 'user', targetId: target.id, data: { from: target.role, to: input.role, email: target.email }, ...meta });
    return { changed: true };
  });
}

/** Caller: an admin. Blocking ends every session of the user at once. */
export async function setUserBlocked(actor: SessionUser, input: { userId: string; blocked: boolean; reason?: string }, meta: Meta) {
  if (input.userId === actor.id && input.blocked) throw new AppError('CONFLICT', undefined, { messageKey: 'cannotBlockSelf' });
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, input.userId);
    if (Boolean(target.blockedAt) === input.blocked) return { changed: false };
    if (input.blocked && target.role === 'admin') await assertNotLastAdmin(tx, target.id);
    await tx
      .update(users)
      .set({
        blockedAt: input.blocked ? sql`now()` : null,
        blockedReason: input.blocked ? (input.reason ?? null) : null,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, target.id));
    await writeAudit(tx, { actorId: actor.id, action: input.blocked ? 'user.blocked' : 'user.unblocked', targetType: 'user', targetId: target.id, data: { email: target.email, reason: input.reason }, ...meta });
    return { changed: true };
  });
}

const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/** Caller: an admin. Returns a one-time link to show to the admin; only its hash is stored. */
export async function createPasswordResetLink(actor: SessionUser, userId: string, meta: Meta) {
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, userId);
    // A new link replaces older unused ones.
    await tx.update(passwordResetTokens).set({ usedAt: sql`now()` }).where(and(eq(passwordResetTokens.userId, target.id), isNull(passwordResetTokens.usedAt)));
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + RESET_TTL_MS);
    await tx.insert(passwordResetTokens).values({ userId: target.id, tokenHash: sha256(token), createdById: actor.id, expiresAt });
    await writeAudit(tx, { actorId: actor.id, action: 'user.password_reset_link_created', targetType: 'user', targetId: target.id, data: { email: target.email }, ...meta });
    return { url: `${env.APP_URL}/reset-password/${token}`, expiresAt: expiresAt.toISOString() };
  });
}

/** Anyone holding a valid link. Sets the password, ends all sessions, burns the token. */
export async function resetPasswordWithToken(input: { token: string; newPassword: string }, meta: Meta) {
  return db.transaction(async (tx) => {
    const [tok] = await tx
      .select()
      .from(passwordResetTokens)
      .where(and(eq(passwordResetTokens.tokenHash, sha256(input.token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, sql`now()`)))
      .for('update');
    if (!tok) throw new AppError('NOT_FOUND', undefined, { messageKey: 'resetLinkInvalid' });
    await tx.update(passwordResetTokens).set({ usedAt: sql`now()` }).where(eq(passwordResetTokens.id, tok.id));
    const [u] = await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.newPassword), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, tok.userId))
      .returning({ email: users.email });
    await writeAudit(tx, { actorId: tok.userId, action: 'user.password_reset', targetType: 'user', targetId: tok.userId, ...meta });
    return { email: u!.email };
  });
}

