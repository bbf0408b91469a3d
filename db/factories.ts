import { randomUUID } from 'node:crypto';
import { hashPassword } from '../lib/auth/password';
import type { PlatformRole } from '../lib/constants';
import type { Database } from './factory';
import { users } from './schema';

// Test data builders shared by the integration and e2e tiers. Every call makes unique rows, so
// tests never depend on each other's data.
export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}@test.lectern`;

export const DEFAULT_TEST_PASSWORD = 'test-password-1';

export async function createUser(db: Database, opts: { role?: PlatformRole; email?: string; name?: string; password?: string; blocked?: boolean } = {}) {
  const password = opts.password ?? DEFAULT_TEST_PASSWORD;
  const email = opts.email ?? uniqueEmail(opts.role ?? 'student');
  const [row] = await db
    .insert(users)
    .values({ email, name: opts.name ?? email.split('@')[0]!, role: opts.role ?? 'student', passwordHash: await hashPassword(password), blockedAt: opts.blocked ? new Date() : null })
    .returning();
  return { ...row!, password };
}
