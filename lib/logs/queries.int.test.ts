import { randomUUID } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditEvents, systemLogs, users } from '@/db/schema';
import { pruneSystemLogs } from './mutations';
import { getAuditEvent, getSystemLog, listAuditEvents, listLogSources, listSystemLogs, LOGS_PAGE_SIZE } from './queries';
import { listAuditEventsSchema, listSystemLogsSchema } from './schemas';

// The database is shared with other files running in parallel: every query below is narrowed by
// this file's own marker (a source name, an action prefix or a search string).
const marker = `t${randomUUID().slice(0, 8)}`;
const source = `logs-test-${marker}`;
const minute = 60_000;
// Recent enough that a concurrent pruneSystemLogs(30) never removes it, on whole minutes for the range test.
const base = new Date(Math.floor((Date.now() - 2 * 86_400_000) / minute) * minute);
const at = (minutes: number) => new Date(base.getTime() + minutes * minute);
const isoMinute = (d: Date) => d.toISOString().slice(0, 16);

let actorId: string;
const logIds: Record<string, number> = {};

beforeAll(async () => {
  const [actor] = await db.insert(users).values({ email: `${marker}@logs.test`, name: 'Log tester' }).returning({ id: users.id });
  actorId = actor!.id;
  const rows = await db
    .insert(systemLogs)
    .values([
      { level: 'warn', source, message: `slow query ${marker}`, createdAt: at(0) },
      { level: 'error', source, message: `disk 100%_full ${marker}`, requestId: `req-${marker}`, userId: actorId, data: { path: '/x', attempt: 2 }, createdAt: at(30) },
      { level: 'fatal', source, message: `crash ${marker}`, createdAt: at(60) },
    ])
    .returning({ id: systemLogs.id, level: systemLogs.level });
  for (const r of rows) logIds[r.level] = r.id;
  await db.insert(auditEvents).values([
    { actorId, action: `${marker}.user.role_changed`, targetType: 'user', targetId: `target-${marker}`, ip: '203.0.113.7', data: { from: 'student', to: 'author' }, createdAt: at(0) },
    { actorId, action: `${marker}.user.blocked`, targetType: 'user', targetId: `other-${marker}`, data: { reason: `needle-${marker}` }, createdAt: at(10) },
    { actorId: null, action: `${marker}.course.published`, targetType: 'course', targetId: `course-${marker}`, createdAt: at(20) },
  ]);
});

afterAll(async () => {
  // Audit events stay (the table is append-only; the test database is thrown away).
  await db.delete(systemLogs).where(like(systemLogs.source, `%${marker}`));
  await db.delete(users).where(eq(users.id, actorId));
});

const logs = (params: Record<string, string>) => listSystemLogs(listSystemLogsSchema.parse({ source, ...params }));
const audit = (params: Record<string, string>) => listAuditEvents(listAuditEventsSchema.parse({ action: `${marker}.`, ...params }));

describe('listSystemLogs', () => {
  it('filters by source and returns newest first', async () => {
    const list = await logs({});
    expect(list.total).toBe(3);
    expect(list.items.map((i) => i.level)).toEqual(['fatal', 'error', 'warn']);
    expect(list.items[0]!.createdAt).toBe(at(60).toISOString());
  });

  it('filters by level', async () => {
    const list = await logs({ level: 'error' });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: logIds.error, requestId: `req-${marker}` });
  });

  it('ignores junk filter values instead of failing', async () => {
    const list = await logs({ level: 'verbose', from: 'yesterday', to: '2024-02-31', userId: 'nope', page: '-3' });
    expect(list.total).toBe(3);
    expect(list.page).toBe(1);
  });

  it('filters by time range, `to` including its whole minute', async () => {
    // 10:00 … 10:30 as datetime-local values: the 10:30:00 row counts, the 11:00 one does not.
    const list = await logs({ from: isoMinute(at(1)), to: isoMinute(at(30)) });
    expect(list.items.map((i) => i.id)).toEqual([logIds.error]);
    const upper = await logs({ to: isoMinute(at(0)) });
    expect(upper.items.map((i) => i.id)).toEqual([logIds.warn]);
  });

  it('searches the message and treats LIKE wildcards literally', async () => {
    expect((await logs({ q: `100%_FULL ${marker}` })).items.map((i) => i.id)).toEqual([logIds.error]);
    // `_` and `%` must not act as wildcards: "1_0" would otherwise match "100".
    expect((await logs({ q: `disk 1_0` })).total).toBe(0);
    expect((await listSystemLogs(listSystemLogsSchema.parse({ q: `%${marker}` }))).total).toBe(0);
  });

  it('filters by user', async () => {
    const list = await listSystemLogs(listSystemLogsSchema.parse({ userId: actorId }));
    expect(list.items.map((i) => i.id)).toEqual([logIds.error]);
  });

  it('pages by LOGS_PAGE_SIZE with the full total', async () => {
    const pagedSource = `paged-${marker}`;
    await db.insert(systemLogs).values(Array.from({ length: LOGS_PAGE_SIZE + 5 }, (_, i) => ({ level: 'warn' as const, source: pagedSource, message: `m${i}`, createdAt: at(i) })));
    const first = await logs({ source: pagedSource });
    const second = await logs({ source: pagedSource, page: '2' });
    expect(first).toMatchObject({ total: LOGS_PAGE_SIZE + 5, page: 1, pageSize: LOGS_PAGE_SIZE });
    expect(first.items).toHaveLength(LOGS_PAGE_SIZE);
    expect(first.items[0]!.message).toBe(`m${LOGS_PAGE_SIZE + 4}`);
    expect(second.items.map((i) => i.message)).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect((await logs({ source: pagedSource, page: '3' })).items).toHaveLength(0);
  });

  it('lists distinct sources', async () => {
    const sources = await listLogSources();
    expect(sources).toContain(source);
    expect(sources.filter((s) => s === source)).toHaveLength(1);
  });
});

describe('getSystemLog', () => {
  it('returns every field with the user email', async () => {
    const log = await getSystemLog(logIds.error!);
    expect(log).toEqual({
      id: logIds.error,
      level: 'error',
      source,
      message: `disk 100%_full ${marker}`,
      requestId: `req-${marker}`,
      userId: actorId,
      userEmail: `${marker}@logs.test`,
      data: { path: '/x', attempt: 2 },
      createdAt: at(30).toISOString(),
    });
  });

  it('returns null for a missing id', async () => {
    expect(await getSystemLog(Number.MAX_SAFE_INTEGER)).toBeNull();
  });
});

describe('listAuditEvents', () => {
  it('matches the action by prefix, newest first, with the actor email', async () => {
    const all = await audit({});
    expect(all.total).toBe(3);
    expect(all.items.map((e) => e.action)).toEqual([`${marker}.course.published`, `${marker}.user.blocked`, `${marker}.user.role_changed`]);
    expect(all.items[2]).toMatchObject({ actorId, actorEmail: `${marker}@logs.test`, targetId: `target-${marker}`, ip: '203.0.113.7' });
    expect(all.items[0]).toMatchObject({ actorId: null, actorEmail: null });
    const users = await audit({ action: `${marker}.user.` });
    expect(users.total).toBe(2);
    // Prefix only: the marker in the middle of the name does not match.
    expect((await audit({ action: `user.${marker}` })).total).toBe(0);
  });

  it('searches action, target id and data', async () => {
    expect((await audit({ q: `needle-${marker}` })).items.map((e) => e.action)).toEqual([`${marker}.user.blocked`]);
    expect((await audit({ q: `course-${marker}` })).items.map((e) => e.action)).toEqual([`${marker}.course.published`]);
    expect((await audit({ q: 'role_changed' })).total).toBe(1);
    expect((await audit({ q: 'author' })).total).toBe(1);
  });

  it('filters by actor, target and time range', async () => {
    expect((await audit({ actorId })).total).toBe(2);
    expect((await listAuditEvents(listAuditEventsSchema.parse({ targetId: `other-${marker}` }))).items.map((e) => e.action)).toEqual([`${marker}.user.blocked`]);
    expect((await audit({ from: at(5).toISOString(), to: at(10).toISOString() })).items.map((e) => e.action)).toEqual([`${marker}.user.blocked`]);
  });
});

describe('getAuditEvent', () => {
  it('returns the event with its data, or null', async () => {
    const [first] = (await audit({ action: `${marker}.user.role_changed` })).items;
    const event = await getAuditEvent(first!.id);
    expect(event).toMatchObject({ action: `${marker}.user.role_changed`, actorEmail: `${marker}@logs.test`, data: { from: 'student', to: 'author' }, requestId: null });
    expect(await getAuditEvent(Number.MAX_SAFE_INTEGER)).toBeNull();
  });
});

describe('pruneSystemLogs', () => {
  it('deletes logs older than the given days and keeps fresh ones', async () => {
    const pruneSource = `prune-${marker}`;
    const [old, fresh] = await db
      .insert(systemLogs)
      .values([
        { level: 'warn', source: pruneSource, message: 'old', createdAt: new Date(Date.now() - 40 * 86_400_000) },
        { level: 'warn', source: pruneSource, message: 'fresh' },
      ])
      .returning({ id: systemLogs.id });
    expect(await pruneSystemLogs(30)).toBeGreaterThanOrEqual(1);
    expect(await getSystemLog(old!.id)).toBeNull();
    expect(await getSystemLog(fresh!.id)).not.toBeNull();
  });
});
