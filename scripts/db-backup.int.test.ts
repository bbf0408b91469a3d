import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@/db/factory';
import { runMigrations } from '@/db/migrate';
import { appSettings, auditEvents, courseMembers, courses, signInAttempts, systemLogs, userPreferences, users } from '@/db/schema';
import { backupDatabase } from './db-backup';
import { restoreDatabase } from './db-restore';

// Each run makes its own databases on the test server, so restores never touch the shared one.
const serverUrl = process.env.DATABASE_URL!;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const suffix = randomBytes(4).toString('hex');
const names = { source: `lectern_bk_${suffix}_src`, target: `lectern_bk_${suffix}_dst`, fresh: `lectern_bk_${suffix}_new` };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-backup-'));

function urlFor(database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Every row of every public table, ordered, plus every sequence: equal snapshots mean equal data. */
async function snapshot(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public' order by 1`;
    const out: Record<string, unknown> = {};
    for (const { name } of tables) out[name] = await sql.unsafe(`select * from public."${name}" order by 1, 2`);
    const seqs = await sql<{ name: string }[]>`select sequencename as name from pg_sequences where schemaname = 'public' order by 1`;
    for (const { name } of seqs) out[`seq:${name}`] = await sql.unsafe(`select last_value, is_called from public."${name}"`);
    return out;
  } finally {
    await sql.end();
  }
}

async function fill(url: string) {
  const { db, sql } = createDb(url, { max: 1 });
  try {
    const [a, b] = await db
      .insert(users)
      .values([
        // Tabs, newlines, backslashes, quotes and non-ASCII must survive COPY's text escaping.
        { email: 'tricky@example.com', name: 'Tab\there, new\nline, back\\slash, \'q\' "dq", Ёжик 🦔', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def', role: 'admin' },
        { email: 'plain@example.com', name: 'Plain', role: 'author', blockedAt: new Date('2024-02-29T12:34:56.789Z'), blockedReason: null },
        { email: 'oauth-only@example.com', name: '', passwordHash: null },
      ])
      .returning({ id: users.id });
    await db.insert(userPreferences).values({ userId: b!.id, locale: 'ru', theme: 'dark' });
    await db.insert(auditEvents).values({ actorId: a!.id, action: 'setup.admin_created', targetType: 'user', targetId: a!.id, data: { via: 'cli', nested: { list: [1, 'two\tthree', null] } } });
    // A gap in the ids (audit events cannot be deleted, so skip a value): the sequence must come
    // back as it was, not as max(id).
    await sql`select nextval(pg_get_serial_sequence('audit_events', 'id'))`;
    await db.insert(auditEvents).values({ actorId: b!.id, action: 'user.role_changed', data: { text: 'back\\slash "quoted" \\N not null' } });
    await db.insert(signInAttempts).values({ email: 'plain@example.com', ip: '::1', success: false });
    await db.insert(systemLogs).values({ level: 'warn', source: 'test', message: 'a\\b\r\nc' });
    await db.insert(appSettings).values({ key: 'registrationOpen', value: true });
    const [course] = await db.insert(courses).values({ title: 'Course', slug: `course-${suffix}` }).returning({ id: courses.id });
    await db.insert(courseMembers).values({ courseId: course!.id, userId: b!.id, role: 'owner' });
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  for (const name of Object.values(names)) await admin.unsafe(`create database "${name}"`);
  await runMigrations(urlFor(names.source));
  await runMigrations(urlFor(names.target));
  // names.fresh stays without any schema: the restore must migrate it itself.
  await fill(urlFor(names.source));
});

afterAll(async () => {
  for (const name of Object.values(names)) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backupDatabase / restoreDatabase', () => {
  const file = path.join(tmp, 'nested', 'backup.sql');

  it('writes a plain-SQL backup with a header, COPY blocks in foreign-key order and sequence values', async () => {
    const summary = await backupDatabase(urlFor(names.source), file);
    expect(summary.file).toBe(file);
    expect(summary.bytes).toBe(fs.statSync(file).size);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    expect(summary.tables.find((t) => t.name === 'public.users')?.rows).toBe(3);

    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('--\n-- Lectern database backup\n--\n-- Format: lectern-backup/1\n')).toBe(true);
    expect(text).toContain('COPY drizzle.__drizzle_migrations (id, hash, created_at) FROM stdin;');
    expect(text).toMatch(/SELECT pg_catalog\.setval\('public\.audit_events_id_seq', 3, true\);/);
    const at = (table: string) => text.indexOf(`COPY public.${table} (`);
    expect(at('users')).toBeGreaterThan(0);
    expect(at('users')).toBeLessThan(at('audit_events'));
    expect(at('users')).toBeLessThan(at('user_preferences'));
    expect(at('courses')).toBeLessThan(at('course_members'));
    expect(text.trimEnd().endsWith('-- Lectern backup complete\n--')).toBe(true);
  });

  it('restores into an empty database, creating the schema, with equal rows and sequences', async () => {
    const summary = await restoreDatabase(urlFor(names.fresh), file, { force: false });
    expect(summary.tables.find((t) => t.name === 'public.users')?.rows).toBe(3);
    expect(await snapshot(urlFor(names.fresh))).toEqual(await snapshot(urlFor(names.source)));
  });

  it('restores into a migrated, empty database and the next id continues after the old ones', async () => {
    await restoreDatabase(urlFor(names.target), file, {});
    expect(await snapshot(urlFor(names.target))).toEqual(await snapshot(urlFor(names.source)));
    const { db, sql } = createDb(urlFor(names.target), { max: 1 });
    try {
      const [row] = await db.insert(auditEvents).values({ actorId: null, action: 'after.restore' }).returning({ id: auditEvents.id });
      expect(row!.id).toBe(4);
    } finally {
      await sql.end();
    }
  });

  it('refuses to restore over existing data without force, and changes nothing', async () => {
    const before = await snapshot(urlFor(names.target));
    await expect(restoreDatabase(urlFor(names.target), file)).rejects.toThrow(/already has data \(in .*users.*\).*--force/);
    expect(await snapshot(urlFor(names.target))).toEqual(before);
  });

  it('replaces existing data with force', async () => {
    const { db, sql } = createDb(urlFor(names.target), { max: 1 });
    try {
      await db.insert(users).values({ email: `extra-${suffix}@example.com`, name: 'Extra' });
    } finally {
      await sql.end();
    }
    await restoreDatabase(urlFor(names.target), file, { force: true });
    expect(await snapshot(urlFor(names.target))).toEqual(await snapshot(urlFor(names.source)));
  });

  it('rejects files that are not Lectern backups, or are cut off, before touching the database', async () => {
    const before = await snapshot(urlFor(names.target));
    const garbage = path.join(tmp, 'garbage.sql');
    fs.writeFileSync(garbage, 'select 1;\n\x00\x01binary');
    await expect(restoreDatabase(urlFor(names.target), garbage, { force: true })).rejects.toThrow(/is not a Lectern backup: the Lectern backup header is missing/);

    const pgDump = path.join(tmp, 'pg_dump.sql');
    fs.writeFileSync(pgDump, '--\n-- PostgreSQL database dump\n--\n');
    await expect(restoreDatabase(urlFor(names.target), pgDump, { force: true })).rejects.toThrow(/pg_dump file/);

    const cut = path.join(tmp, 'cut.sql');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(cut, text.slice(0, text.indexOf('COPY public.users (') + 200));
    await expect(restoreDatabase(urlFor(names.target), cut, { force: true })).rejects.toThrow(/is incomplete/);

    const edited = path.join(tmp, 'edited.sql');
    fs.writeFileSync(edited, text.replace('\\.\n', '\\.\nDROP TABLE public.users;\n'));
    await expect(restoreDatabase(urlFor(names.target), edited, { force: true })).rejects.toThrow(/damaged or was edited: unexpected statement on line \d+: DROP TABLE/);

    await expect(restoreDatabase(urlFor(names.target), path.join(tmp, 'missing.sql'), { force: true })).rejects.toThrow(/not found/);
    expect(await snapshot(urlFor(names.target))).toEqual(before);
  });

  it('rolls back the whole restore when the server rejects a row', async () => {
    const before = await snapshot(urlFor(names.target));
    const bad = path.join(tmp, 'bad-row.sql');
    // Valid file structure, but a value the column type refuses (in a table loaded late).
    const text = fs.readFileSync(file, 'utf8');
    const start = text.indexOf('COPY public.user_preferences (');
    const row = text.indexOf('\n', start) + 1;
    fs.writeFileSync(bad, text.slice(0, row) + text.slice(row).replace(/\tru\t/, '\tklingon\t'));
    await expect(restoreDatabase(urlFor(names.target), bad, { force: true })).rejects.toThrow(/Loading user_preferences failed, so no data was changed: .*klingon/);
    expect(await snapshot(urlFor(names.target))).toEqual(before);
  });

  it('refuses a backup whose schema has migrations this version does not know', async () => {
    const newer = path.join(tmp, 'newer.sql');
    const text = fs.readFileSync(file, 'utf8');
    const start = text.indexOf('COPY drizzle.__drizzle_migrations');
    const end = text.indexOf('\\.\n', start);
    fs.writeFileSync(newer, text.slice(0, end) + `99\tffff\t${Date.now() + 10 ** 11}\n` + text.slice(end));
    await expect(restoreDatabase(urlFor(names.target), newer, { force: true })).rejects.toThrow(/made by a newer version of Lectern/);
  });
});
