import 'server-only';
import { and, count, desc, eq, gt, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { sha256 } from '@/lib/crypto';
import { db } from '@/db/client';
import { passwordResetTokens, users } from '@/db/schema';
import type { UserList } from './dto';
import type { ListUsersInput } from './schemas';

export const USERS_PAGE_SIZE = 25;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Caller must be an admin. */
export async function listUsers(input: ListUsersInput): Promise<UserList> {
  const where: SQL[] = [];
  if (input.q) {
    const q = `%${escapeLike(input.q)}%`;
    where.push(or(ilike(users.email, q), ilike(users.name, q))!);
  }
  if (input.role) where.push(eq(users.role, input.role));
  if (input.status === 'blocked') where.push(isNotNull(users.blockedAt));
  if (input.status === 'active') where.push(isNull(users.blockedAt));
  const cond = where.length ? and(...where) : undefined;
  const page = input.page ?? 1;
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, blockedAt: users.blockedAt, createdAt: users.createdAt, lastSignInAt: users.lastSignInAt })
      .from(users)
      .where(cond)
      .orderBy(desc(users.createdAt), users.id)
      .limit(USERS_PAGE_SIZE)
      .offset((page - 1) * USERS_PAGE_SIZE),
    db.select({ n: count() }).from(users).where(cond),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      isBlocked: r.blockedAt !== null,
      createdAt: r.createdAt.toISOString(),
      lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
    })),
    total: total?.n ?? 0,
    page,
    pageSize: USERS_PAGE_SIZE,
  };
}

// Once an admin exists the platform never goes back to first-run (the last admin cannot be
// demoted or blocked), so a positive answer is remembered for the life of the process.
let adminSeen = false;

export async function adminExists(): Promise<boolean> {
  if (adminSeen) return true;
  const row = await db.query.users.findFirst({ where: eq(users.role, 'admin'), columns: { id: true } });
  adminSeen = Boolean(row);
  return adminSeen;
}

/** Whether a reset token is usable (for rendering the reset page). */
export async function isResetTokenValid(token: string): Promise<boolean> {
  const row = await db.query.passwordResetTokens.findFirst({
    where: and(eq(passwordResetTokens.tokenHash, sha256(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, sql`now()`)),
    columns: { id: true },
  });
  return Boolean(row);
}
