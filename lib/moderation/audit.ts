import 'server-only';
import { and, count, desc, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditEvents, users } from '@/db/schema';
import type { Paged } from '@/lib/logs/dto';
import type { ModerationAuditFilter } from './schemas';
import { toCsv } from '@/lib/csv';

// The moderation slice of audit_events (rows are append-only: a database trigger refuses UPDATE and
// DELETE). Reads only.

export const AUDIT_PAGE_SIZE = 50;
const EXPORT_MAX = 10_000;

export type ModerationAuditEntry = {
  id: number;
  createdAt: string;
  action: string;
  actorId: string | null;
  actor: string | null;
  targetType: string | null;
  targetId: string | null;
  caseId: string | null;
  reason: string | null;
};

function where(f: ModerationAuditFilter): SQL {
  const w: SQL[] = [f.action ? eq(auditEvents.action, f.action) : like(auditEvents.action, 'moderation.%')];
  if (f.actorId) w.push(eq(auditEvents.actorId, f.actorId));
  if (f.from) w.push(gte(auditEvents.createdAt, f.from));
  if (f.to) w.push(lte(auditEvents.createdAt, f.to));
  return and(...w)!;
}

const columns = {
  id: auditEvents.id,
  createdAt: auditEvents.createdAt,
  action: auditEvents.action,
  actorId: auditEvents.actorId,
  actorName: users.name,
  actorEmail: users.email,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  caseId: sql<string | null>`${auditEvents.data}->>'caseId'`,
  reason: sql<string | null>`${auditEvents.data}->>'reason'`,
};

async function select(f: ModerationAuditFilter, limit: number, offset: number): Promise<ModerationAuditEntry[]> {
  const rows = await db
    .select(columns)
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where(f))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit)
    .offset(offset);
  return rows.map(({ actorName, actorEmail, createdAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString(), actor: actorEmail ? `${actorName || actorEmail} <${actorEmail}>` : null }));
}

/** Newest first, one page. Caller: an admin. */
export async function listModerationAudit(f: ModerationAuditFilter): Promise<Paged<ModerationAuditEntry>> {
  const [items, [total]] = await Promise.all([select(f, AUDIT_PAGE_SIZE, (f.page - 1) * AUDIT_PAGE_SIZE), db.select({ n: count() }).from(auditEvents).where(where(f))]);
  return { items, total: total?.n ?? 0, page: f.page, pageSize: AUDIT_PAGE_SIZE };
}

/** The filtered entries as CSV (newest first, at most 10,000). Caller: an admin. */
export async function exportModerationAudit(f: ModerationAuditFilter) {
  const rows = await select(f, EXPORT_MAX, 0);
  return toCsv(
    ['id', 'time_utc', 'action', 'actor', 'actor_id', 'target_type', 'target_id', 'case_id', 'reason'],
    rows.map((r) => [r.id, r.createdAt, r.action, r.actor, r.actorId, r.targetType, r.targetId, r.caseId, r.reason]),
    { quoteAll: true },
  );
}
