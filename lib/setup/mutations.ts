import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { db } from '@/db/client';
import type { Database } from '@/db/factory';
import { appSettings, users } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { sha256 } from '@/lib/crypto';
import { insertUser } from '@/lib/users/mutations';

const TOKEN_KEY = 'setupTokenHash';

/**
 * At server start, while no admin exists: store the hash of a fresh one-time token and return the
 * token so it can be printed. Returns null once an admin exists. SETUP_TOKEN pins the token.
 */
export async function issueSetupToken(fixed?: string, database: Database = db): Promise<string | null> {
  const admin = await database.query.users.findFirst({ where: eq(users.role, 'admin'), columns: { id: true } });
  if (admin) {
    await database.delete(appSettings).where(eq(appSettings.key, TOKEN_KEY));
    return null;
  }
  const token = fixed ?? randomBytes(24).toString('base64url');
  await database
    .insert(appSettings)
    .values({ key: TOKEN_KEY, value: sha256(token) })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: sha256(token), updatedAt: sql`now()` } });
  return token;
}

/** Creates the first admin. Works only while no admin exists and with the console token (if `token` given). */
export async function createFirstAdmin(
  input: { token: string | null; name: string; email: string; password: string },
  meta: { ip?: string; requestId?: string; via: 'web' | 'cli' },
  database: Database = db,
) {
  try {
    return await createFirstAdminTx(input, meta, database);
  } catch (e) {
    // Recorded outside the failed transaction, which rolls back everything written in it.
    if (e instanceof AppError && e.code === 'FORBIDDEN') {
      await writeAudit(database, { actorId: null, action: 'setup.refused', ip: meta.ip, requestId: meta.requestId, data: { reason: e.extra.messageKey } });
    }
    throw e;
  }
}

function createFirstAdminTx(input: { token: string | null; name: string; email: string; password: string }, meta: { ip?: string; requestId?: string; via: 'web' | 'cli' }, database: Database) {
  return database.transaction(async (tx) => {
    // One setup at a time: two browsers racing must not create two "first" admins.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lectern:setup'))`);
    const admin = await tx.query.users.findFirst({ where: eq(users.role, 'admin'), columns: { id: true } });
    if (admin) throw new AppError('FORBIDDEN', undefined, { messageKey: 'setupDone' });
    if (input.token !== null) {
      const row = await tx.query.appSettings.findFirst({ where: eq(appSettings.key, TOKEN_KEY) });
      const expected = Buffer.from(String(row?.value ?? ''));
      const given = Buffer.from(sha256(input.token));
      if (!row || expected.length !== given.length || !timingSafeEqual(expected, given)) {
        throw new AppError('FORBIDDEN', undefined, { messageKey: 'setupTokenInvalid' });
      }
    }
    const user = await insertUser(tx, { email: input.email, name: input.name || input.email.split('@')[0]!, password: input.password, role: 'admin' });
    await tx.delete(appSettings).where(eq(appSettings.key, TOKEN_KEY));
    await writeAudit(tx, { actorId: user.id, action: 'setup.admin_created', targetType: 'user', targetId: user.id, data: { via: meta.via }, ip: meta.ip, requestId: meta.requestId });
    return user;
  });
}
