import 'server-only';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/factory';
import { moderationCases, moderationReports, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { notify } from '@/lib/notifications/mutations';
import { activeCaseStatuses } from './constants';

export type Meta = { ip?: string; requestId?: string };
export type CaseRow = typeof moderationCases.$inferSelect;

/** The case fields an action changes, as stored in an action's before/after (timestamps as PostgreSQL text, so a revert writes back the exact value). */
export type CaseState = { status: CaseRow['status']; assigneeId: string | null; escalatedAt: string | null; resolutionNote: string | null; closedAt: string | null };

const conflict = (messageKey: string) => new AppError('CONFLICT', undefined, { messageKey });

/**
 * Locks the case and checks the version the moderator acted on: a second moderator who acted on the
 * same version gets CONFLICT and changes nothing. Caller: a moderator or admin (checked by the action).
 */
export async function lockCase(tx: Tx, caseId: string, expectedVersion: number) {
  const [row] = await tx
    .select({
      c: moderationCases,
      escalatedAtText: sql<string | null>`${moderationCases.escalatedAt}::text`,
      closedAtText: sql<string | null>`${moderationCases.closedAt}::text`,
    })
    .from(moderationCases)
    .where(eq(moderationCases.id, caseId))
    .for('update', { of: moderationCases });
  if (!row) throw new AppError('NOT_FOUND');
  if (row.c.version !== expectedVersion) throw conflict('caseChanged');
  const state: CaseState = { status: row.c.status, assigneeId: row.c.assigneeId, escalatedAt: row.escalatedAtText, resolutionNote: row.c.resolutionNote, closedAt: row.closedAtText };
  return { kase: row.c, state };
}

export const isActive = (status: CaseRow['status']) => (activeCaseStatuses as readonly string[]).includes(status);

/** Writes a case state back (and bumps the version); refuses to reopen a case when its target already has another open one. */
export async function writeCaseState(tx: Tx, kase: CaseRow, next: CaseState) {
  if (isActive(next.status) && !isActive(kase.status)) {
    const [other] = await tx
      .select({ id: moderationCases.id })
      .from(moderationCases)
      .where(and(eq(moderationCases.targetType, kase.targetType), eq(moderationCases.targetId, kase.targetId), inArray(moderationCases.status, [...activeCaseStatuses]), ne(moderationCases.id, kase.id)));
    if (other) throw conflict('targetHasOpenCase');
  }
  const [row] = await tx
    .update(moderationCases)
    .set({
      status: next.status,
      assigneeId: next.assigneeId,
      escalatedAt: next.escalatedAt === null ? null : sql`${next.escalatedAt}::timestamptz`,
      resolutionNote: next.resolutionNote,
      closedAt: next.closedAt === null ? null : sql`${next.closedAt}::timestamptz`,
      version: sql`${moderationCases.version} + 1`,
      firstResponseAt: sql`coalesce(${moderationCases.firstResponseAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(eq(moderationCases.id, kase.id))
    .returning({ version: moderationCases.version });
  return row!.version;
}

/** Throws unless `userId` is a moderator or admin who is not blocked (an assignee). */
export async function assertStaffUser(tx: Tx, userId: string) {
  const u = await tx.query.users.findFirst({ where: eq(users.id, userId), columns: { role: true, blockedAt: true } });
  if (!u || u.blockedAt || (u.role !== 'moderator' && u.role !== 'admin')) throw new AppError('VALIDATION', undefined, { fieldErrors: { assigneeId: ['moderation.notModerator'] } });
}

/** Moderators and admins may work the queue; only admins act on escalated cases. */
export function assertMayDecide(actor: SessionUser, kase: CaseRow) {
  if (actor.role !== 'admin' && actor.role !== 'moderator') throw new AppError('FORBIDDEN');
  if (kase.escalatedAt && actor.role !== 'admin') throw new AppError('FORBIDDEN', undefined, { messageKey: 'escalatedAdminsOnly' });
}

/** Tells every signed-in reporter of the case that it was closed (never who else reported, nor the moderator). */
export async function notifyReporters(tx: Tx, kase: CaseRow, key: string) {
  const reporters = await tx.selectDistinct({ id: moderationReports.reporterId }).from(moderationReports).where(and(eq(moderationReports.caseId, kase.id), sql`${moderationReports.reporterId} is not null`));
  for (const r of reporters) await notify(tx, r.id!, 'moderation.report_closed', { key, params: { title: kase.title }, href: '/reports' });
}
