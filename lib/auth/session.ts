import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/auth';
import { db } from '@/db/client';
import { users, type PlatformRole } from '@/db/schema';
import { hasSessionCookie } from './cookies';
import { isBlockedAt } from './roles';

export type SessionUser = { id: string; email: string; name: string; role: PlatformRole };

/**
 * The signed-in user, read from the database on every request (once per request via `cache`).
 * A token whose session version is older than the user's (password/role change, block) is dead.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  if (!hasSessionCookie(await cookies())) return null; // anonymous visitors skip JWT decoding
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const row = await db.query.users.findFirst({
    where: eq(users.id, id),
    columns: { id: true, email: true, name: true, role: true, sessionVersion: true, blockedAt: true, blockedUntil: true },
  });
  if (!row || isBlockedAt(row) || row.sessionVersion !== session.sv) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
});

/** For pages: the user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/login');
  return user;
}
