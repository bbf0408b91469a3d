import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@/db/factory';
import { runMigrations } from '@/db/migrate';
import { auditEvents, users } from '@/db/schema';
import { createFirstAdmin, issueSetupToken } from './mutations';

// First-run setup depends on "no admin exists", so it gets a database of its own.
const name = `lectern_setup_${Date.now()}`;
const admin = createDb(process.env.DATABASE_URL!, { max: 1 });
let own: ReturnType<typeof createDb>;

beforeAll(async () => {
  await admin.sql.unsafe(`create database ${name}`);
  const url = process.env.DATABASE_URL!.replace(/\/[^/]+$/, `/${name}`);
  await runMigrations(url);
  own = createDb(url, { max: 4 });
});
afterAll(async () => {
  await own?.sql.end();
  await admin.sql.unsafe(`drop database if exists ${name} with (force)`);
  await admin.sql.end();
});

const input = (token: string | null, email = 'first@admin.test') => ({ token, name: 'First', email, password: 'first-admin-pass-1' });

describe('first-run setup', () => {
  it('refuses a wrong token and records the refusal', async () => {
    await issueSetupToken('the-right-token-123456', own.db);
    await expect(createFirstAdmin(input('a-wrong-token-0000000'), { via: 'web' }, own.db)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const refused = await own.db.select().from(auditEvents).where(eq(auditEvents.action, 'setup.refused'));
    expect(refused).toHaveLength(1);
    expect(await own.db.select().from(users)).toHaveLength(0);
  });

  it('only the latest printed token works', async () => {
    const old = await issueSetupToken(undefined, own.db);
    const latest = await issueSetupToken(undefined, own.db);
    expect(old).not.toBe(latest);
    await expect(createFirstAdmin(input(old), { via: 'web' }, own.db)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('two racing setups create exactly one admin; afterwards setup is closed', async () => {
    const token = (await issueSetupToken(undefined, own.db))!;
    const results = await Promise.allSettled([createFirstAdmin(input(token, 'a@admin.test'), { via: 'web' }, own.db), createFirstAdmin(input(token, 'b@admin.test'), { via: 'web' }, own.db)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [row] = await own.db.execute<{ n: number }>(sql`select count(*)::int as n from users where role = 'admin'`);
    const n = row?.n;
    expect(n).toBe(1);
    expect(await issueSetupToken(undefined, own.db)).toBeNull();
    await expect(createFirstAdmin(input(token, 'c@admin.test'), { via: 'web' }, own.db)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
