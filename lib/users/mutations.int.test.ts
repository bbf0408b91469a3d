import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { createUser } from '@/db/factories';
import { auditEvents, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { changeOwnPassword, changeUserRole, createPasswordResetLink, registerStudent, resetPasswordWithToken, setUserBlocked } from './mutations';
import { checkCredentials } from '@/lib/auth/sign-in';

const actorOf = (u: { id: string; email: string; name: string; role: SessionUser['role'] }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
const sv = async (id: string) => (await db.query.users.findFirst({ where: eq(users.id, id) }))!.sessionVersion;
const audits = (targetId: string) => db.select().from(auditEvents).where(eq(auditEvents.targetId, targetId));

describe('session invalidation', () => {
  it('role change, block and password change each bump the session version and leave an audit entry', async () => {
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    const u = await createUser(db);
    const v0 = await sv(u.id);
    await changeUserRole(admin, { userId: u.id, role: 'author' }, {});
    expect(await sv(u.id)).toBe(v0 + 1);
    await setUserBlocked(admin, { userId: u.id, blocked: true, reason: 'spam' }, {});
    expect(await sv(u.id)).toBe(v0 + 2);
    await setUserBlocked(admin, { userId: u.id, blocked: false }, {});
    await changeOwnPassword(actorOf({ ...u, role: 'author' }), { currentPassword: u.password, newPassword: 'brand-new-pass-2' }, {});
    expect(await sv(u.id)).toBe(v0 + 4);
    expect((await audits(u.id)).map((a) => a.action).sort()).toEqual(['user.blocked', 'user.password_changed', 'user.role_changed', 'user.unblocked']);
  });

  it('a role change that changes nothing writes nothing', async () => {
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    const u = await createUser(db, { role: 'author' });
    expect(await changeUserRole(admin, { userId: u.id, role: 'author' }, {})).toEqual({ changed: false });
    expect(await audits(u.id)).toHaveLength(0);
  });
});

describe('admin safety rails', () => {
  it('cannot block themself', async () => {
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    await expect(setUserBlocked(admin, { userId: admin.id, blocked: true }, {})).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('unknown users are NOT_FOUND', async () => {
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    await expect(changeUserRole(admin, { userId: '00000000-0000-4000-8000-000000000000', role: 'author' }, {})).rejects.toBeInstanceOf(AppError);
  });
});

describe('change own password', () => {
  it('refuses a wrong current password and keeps the old one working', async () => {
    const u = await createUser(db);
    await expect(changeOwnPassword(actorOf(u), { currentPassword: 'not-it', newPassword: 'another-pass-3' }, {})).rejects.toMatchObject({ code: 'VALIDATION', extra: { fieldErrors: { currentPassword: ['validation.currentPasswordWrong'] } } });
    expect((await checkCredentials({ email: u.email, password: u.password }, '10.9.9.1')).ok).toBe(true);
  });
});

describe('password reset links', () => {
  it('work once, end sessions, and are stored only as a hash', async () => {
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    const u = await createUser(db);
    const v0 = await sv(u.id);
    const { url } = await createPasswordResetLink(admin, u.id, {});
    const token = url.split('/').pop()!;
    const stored = await db.query.passwordResetTokens.findFirst({ where: (t, { eq: e }) => e(t.userId, u.id) });
    expect(stored!.tokenHash).not.toContain(token);
    await resetPasswordWithToken({ token, newPassword: 'reset-pass-42' }, {});
    expect(await sv(u.id)).toBe(v0 + 1);
    expect((await checkCredentials({ email: u.email, password: 'reset-pass-42' }, '10.9.9.2')).ok).toBe(true);
    await expect(resetPasswordWithToken({ token, newPassword: 'again-pass-43' }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a newer link replaces an older one', async () => {
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    const u = await createUser(db);
    const first = (await createPasswordResetLink(admin, u.id, {})).url.split('/').pop()!;
    await createPasswordResetLink(admin, u.id, {});
    await expect(resetPasswordWithToken({ token: first, newPassword: 'reset-pass-44' }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('registerStudent', () => {
  it('creates a student and reports a duplicate email on the email field', async () => {
    const email = `dup-${Date.now()}@test.lectern`;
    const u = await registerStudent({ email, name: 'Dup', password: 'dup-pass-123' }, {});
    expect(u.role).toBe('student');
    await expect(registerStudent({ email, name: 'Dup 2', password: 'dup-pass-123' }, {})).rejects.toMatchObject({ code: 'VALIDATION', extra: { fieldErrors: { email: ['validation.emailTaken'] } } });
    const rows = await db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe('last admin', () => {
  it('two admins demoting each other at once leave one admin standing', async () => {
    // Other test files create admins too, so demote every other admin first inside this check.
    const a = actorOf(await createUser(db, { role: 'admin' }));
    const b = actorOf(await createUser(db, { role: 'admin' }));
    const others = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
    await db.update(users).set({ role: 'author' }).where(eq(users.role, 'admin'));
    await db.update(users).set({ role: 'admin' }).where(eq(users.id, a.id));
    await db.update(users).set({ role: 'admin' }).where(eq(users.id, b.id));
    try {
      const r = await Promise.allSettled([changeUserRole(a, { userId: b.id, role: 'student' }, {}), changeUserRole(b, { userId: a.id, role: 'student' }, {})]);
      expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      const left = await db.select().from(users).where(eq(users.role, 'admin'));
      expect(left).toHaveLength(1);
    } finally {
      for (const o of others) await db.update(users).set({ role: 'admin' }).where(eq(users.id, o.id));
    }
  });
});
