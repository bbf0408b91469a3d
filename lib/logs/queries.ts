import 'server-only';
import { and, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditEvents, systemLogs, users } from '@/db/schema';
import type { AuditEventDetail, AuditEventListItem, Paged, SystemLogDetail, SystemLogListItem } from './dto';
import type { ListAuditEventsInput, ListSystemLogsInput } from './schemas';

export const LOGS_PAGE_SIZE = 50;
const MESSAGE_PREVIEW = 300;
const SOURCES_MAX = 200;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// `to` is the last millisecond of the chosen unit; timestamps carry microseconds, so compare
// against the next millisecond instead of `<= to`.
function timeRange(column: typeof systemLogs.createdAt | typeof auditEvents.createdAt, from?: Date, to?: Date): SQL[] {
  const out: SQL[] = [];
  if (from) out.push(gte(column, from));
  if (to) out.push(lt(column, new Date(to.getTime() + 1)));
  return out;
}

/** Caller must be an admin. Newest first, `LOGS_PAGE_SIZE` per page. */
export async function listSystemLogs(input: ListSystemLogsInput): Promise<Paged<SystemLogListItem>> {
  const where: SQL[] = [...timeRange(systemLogs.createdAt, input.from, input.to)];
  if (input.level) where.push(eq(systemLogs.level, input.level));
  if (input.source) where.push(eq(systemLogs.source, input.source));
  if (input.userId) where.push(eq(systemLogs.userId, input.userId));
  if (input.q) where.push(ilike(systemLogs.message, `%${escapeLike(input.q)}%`));
  const cond = where.length ? and(...where) : undefined;
  const page = input.page ?? 1;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: systemLogs.id,
        level: systemLogs.level,
        source: systemLogs.source,
        // Stack traces can be long: the table only needs the start.
        message: sql<string>`left(${systemLogs.message}, ${MESSAGE_PREVIEW})`,
        requestId: systemLogs.requestId,
        createdAt: systemLogs.createdAt,
      })
      .from(systemLogs)
      .where(cond)
      .orderBy(desc(systemLogs.createdAt), desc(systemLogs.id))
      .limit(LOGS_PAGE_SIZE)
      .offset((page - 1) * LOGS_PAGE_SIZE),
    db.select({ n: count() }).from(systemLogs).where(cond),
  ]);
  return {
    items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    total: total?.n ?? 0,
    page,
    pageSize: LOGS_PAGE_SIZE,
  };
}

/** Caller must be an admin. Null when no such log exists. */
export async function getSystemLog(id: number): Promise<SystemLogDetail | null> {
  const [row] = await db
    .select({
      id: systemLogs.id,
      level: systemLogs.level,
      source: systemLogs.source,
      message: systemLogs.message,
      requestId: systemLogs.requestId,
      userId: systemLogs.userId,
      userEmail: users.email,
      data: systemLogs.data,
      createdAt: systemLogs.createdAt,
    })
    .from(systemLogs)
    // No foreign key on logs (they outlive users), hence a left join.
    .leftJoin(users, eq(users.id, systemLogs.userId))
    .where(eq(systemLogs.id, id))
    .limit(1);
  return row ? { ...row, userEmail: row.userEmail ?? null, createdAt: row.createdAt.toISOString() } : null;
}

/** Caller must be an admin. Distinct log sources, alphabetical, for the filter dropdown. */
export async function listLogSources(): Promise<string[]> {
  // Loose index scan over system_logs_source_idx: one index probe per distinct source instead of
  // reading the whole (large, append-only) table as `select distinct` would.
  const rows = await db.execute<{ source: string }>(sql`
    with recursive s(source) as (
      (select ${systemLogs.source} from ${systemLogs} order by 1 limit 1)
      union all
      select (select l.source from ${systemLogs} l where l.source > s.source order by l.source limit 1) from s where s.source is not null
    )
    select source from s where source is not null limit ${SOURCES_MAX}`);
  return Array.from(rows, (r) => r.source);
}

const auditColumns = {
  id: auditEvents.id,
  action: auditEvents.action,
  actorId: auditEvents.actorId,
  actorEmail: users.email,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  ip: auditEvents.ip,
  createdAt: auditEvents.createdAt,
};

/** Caller must be an admin. Newest first, `LOGS_PAGE_SIZE` per page, with the actor's email. */
export async function listAuditEvents(input: ListAuditEventsInput): Promise<Paged<AuditEventListItem>> {
  const where: SQL[] = [...timeRange(auditEvents.createdAt, input.from, input.to)];
  if (input.action) where.push(ilike(auditEvents.action, `${escapeLike(input.action)}%`));
  if (input.actorId) where.push(eq(auditEvents.actorId, input.actorId));
  if (input.targetId) where.push(eq(auditEvents.targetId, input.targetId));
  if (input.q) {
    const q = `%${escapeLike(input.q)}%`;
    where.push(or(ilike(auditEvents.action, q), ilike(auditEvents.targetId, q), ilike(sql`${auditEvents.data}::text`, q))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const page = input.page ?? 1;
  const [rows, [total]] = await Promise.all([
    db
      .select(auditColumns)
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(cond)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(LOGS_PAGE_SIZE)
      .offset((page - 1) * LOGS_PAGE_SIZE),
    // The join never changes the count (at most one user per event), so it is left out here.
    db.select({ n: count() }).from(auditEvents).where(cond),
  ]);
  return {
    items: rows.map((r) => ({ ...r, actorEmail: r.actorEmail ?? null, createdAt: r.createdAt.toISOString() })),
    total: total?.n ?? 0,
    page,
    pageSize: LOGS_PAGE_SIZE,
  };
}

/** Caller must be an admin. Null when no such event exists. */
export async function getAuditEvent(id: number): Promise<AuditEventDetail | null> {
  const [row] = await db
    .select({ ...auditColumns, requestId: auditEvents.requestId, data: auditEvents.data })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(eq(auditEvents.id, id))
    .limit(1);
  return row ? { ...row, actorEmail: row.actorEmail ?? null, createdAt: row.createdAt.toISOString() } : null;
}
