import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@/db/factory';
import { runMigrations } from '@/db/migrate';
import { appSettings, auditEvents, users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { createAdmin } from './create-admin';

// Its own database: "is there an admin yet?" must not depend on what other test files created.
const serverUrl = process.env.DATABASE_URL!;
const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
const name = `lectern_ca_${randomBytes(4).toString('hex')}`;
const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
let conn: ReturnType<typeof createDb>;

beforeAll(async () => {
  await server.unsafe(`create database "${name}"`);
  await runMigrations(url);
  conn = createDb(url, { max: 2 });
});

afterAll(async () => {
  await conn?.sql.end();
  await server.unsafe(`drop database if exists "${name}" with (force)`);
  await server.end();
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('createAdmin', () => {
  it('lists every problem with a weak password and a bad email in plain English, and creates nothing', async () => {
    const e = await failure(createAdmin({ email: 'not-an-email', password: 'short' }, conn.db));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('--email: Enter a valid email address.');
    expect(e.message).toContain('--password: Password must be at least 10 characters.');
    expect(e.message).toContain('--password: Use at least one letter and one digit or symbol.');
    expect(e.message).not.toContain('validation.');
    expect(await conn.db.$count(users)).toBe(0);
  });

  it('reports missing options as required', async () => {
    const e = await failure(createAdmin({}, conn.db));
    expect(e.message).toContain('--email: This field is required.');
    expect(e.message).toContain('--password: This field is required.');
  });

  it('creates the first admin the way /setup does and retires the setup token', async () => {
    await conn.db.insert(appSettings).values({ key: 'setupTokenHash', value: 'pending' });
    const admin = await createAdmin({ email: ' First@Example.COM ', password: 'correct-horse-1' }, conn.db);
    expect(admin).toMatchObject({ email: 'first@example.com', name: 'first', isFirstAdmin: true });

    const [row] = await conn.db.select().from(users).where(eq(users.id, admin.id));
    expect(row!.role).toBe('admin');
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await conn.db.$count(appSettings, eq(appSettings.key, 'setupTokenHash'))).toBe(0);
    const [audit] = await conn.db.select().from(auditEvents).where(eq(auditEvents.targetId, admin.id));
    expect(audit).toMatchObject({ action: 'setup.admin_created', actorId: admin.id, targetType: 'user', data: { via: 'cli' } });
  });

  it('creates a further admin when admins already exist', async () => {
    const admin = await createAdmin({ email: 'second@example.com', password: 'another-pass-2', name: '  Second Admin ' }, conn.db);
    expect(admin).toMatchObject({ email: 'second@example.com', name: 'Second Admin', isFirstAdmin: false });
    const [row] = await conn.db.select().from(users).where(eq(users.id, admin.id));
    expect(row!.role).toBe('admin');
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    const events = await conn.db.select().from(auditEvents).where(eq(auditEvents.targetId, admin.id));
    expect(events).toEqual([expect.objectContaining({ action: 'setup.admin_created', data: { via: 'cli' } })]);
  });

  it('refuses an email that is already taken, whatever its case, and changes nothing', async () => {
    const users0 = await conn.db.$count(users);
    const audit0 = await conn.db.$count(auditEvents);
    const e = await failure(createAdmin({ email: 'SECOND@example.com', password: 'yet-another-3' }, conn.db));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('A user with this email already exists: second@example.com');
    expect(await conn.db.$count(users)).toBe(users0);
    expect(await conn.db.$count(auditEvents)).toBe(audit0);
  });
});
