import 'server-only';
import { aliasedTable, and, asc, count, desc, eq, exists, ilike, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses, moderationActions, moderationCases, moderationNotes, moderationReports, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { activeCaseStatuses, QUEUE_PAGE_SIZE, type ReportReason } from './constants';
import type { CaseDetail, CaseHistoryItem, MyReport, PersonRef, QueuePage, StaffOption, TargetSnapshot } from './dto';
import type { QueueFilter } from './schemas';
import { loadTarget } from './targets';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const DAY_MS = 86_400_000;
const ageDays = { '1d': 1, '7d': 7, '30d': 30 } as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (id: string | null, name: string | null, email: string | null): PersonRef | null => (id && email !== null ? { id, name: name ?? '', email } : null);

function queueWhere(viewer: SessionUser, f: QueueFilter, now: Date): SQL | undefined {
  const where: SQL[] = [];
  if (f.status === 'active') where.push(inArray(moderationCases.status, [...activeCaseStatuses]));
  else if (f.status !== 'all') where.push(eq(moderationCases.status, f.status));
  if (f.targetType) where.push(eq(moderationCases.targetType, f.targetType));
  if (f.courseId) where.push(eq(moderationCases.courseId, f.courseId));
  if (f.assignee === 'me') where.push(eq(moderationCases.assigneeId, viewer.id));
  else if (f.assignee === 'none') where.push(isNull(moderationCases.assigneeId));
  else if (f.assignee) where.push(eq(moderationCases.assigneeId, f.assignee));
  if (f.age) where.push(lt(moderationCases.firstReportAt, new Date(now.getTime() - ageDays[f.age] * DAY_MS)));
  if (f.escalated) where.push(isNotNull(moderationCases.escalatedAt));
  if (f.reason) where.push(exists(db.select({ x: sql`1` }).from(moderationReports).where(and(eq(moderationReports.caseId, moderationCases.id), eq(moderationReports.reason, f.reason)))));
  if (f.q) {
    const q = `%${escapeLike(f.q)}%`;
    where.push(or(ilike(moderationCases.title, q), exists(db.select({ x: sql`1` }).from(moderationReports).where(and(eq(moderationReports.caseId, moderationCases.id), ilike(moderationReports.details, q)))))!);
  }
  return where.length ? and(...where) : undefined;
}

const queueOrder = {
  priority: [desc(moderationCases.severity), desc(moderationCases.reportCount), asc(moderationCases.firstReportAt), asc(moderationCases.id)],
  newest: [desc(moderationCases.lastReportAt), asc(moderationCases.id)],
  oldest: [asc(moderationCases.firstReportAt), asc(moderationCases.id)],
  reports: [desc(moderationCases.reportCount), desc(moderationCases.severity), asc(moderationCases.id)],
};

const reasonsOf = sql<ReportReason[]>`(select coalesce(array_agg(distinct r.reason::text), '{}') from ${moderationReports} r where r.case_id = ${moderationCases.id})`;

/** The queue page for a moderator or admin (caller checked the role). */
export async function listQueue(viewer: SessionUser, f: QueueFilter, now = new Date()): Promise<QueuePage> {
  const cond = queueWhere(viewer, f, now);
  const [rows, [total]] = await Promise.all([
    db
      .select({ c: moderationCases, reasons: reasonsOf, aName: users.name, aEmail: users.email })
      .from(moderationCases)
      .leftJoin(users, eq(users.id, moderationCases.assigneeId))
      .where(cond)
      .orderBy(...queueOrder[f.sort])
      .limit(QUEUE_PAGE_SIZE)
      .offset((f.page - 1) * QUEUE_PAGE_SIZE),
    db.select({ n: count() }).from(moderationCases).where(cond),
  ]);
  return {
    items: rows.map(({ c, reasons, aName, aEmail }) => ({
      id: c.id,
      targetType: c.targetType,
      title: c.title,
      status: c.status,
      severity: c.severity,
      reportCount: c.reportCount,
      reasons,
      assignee: person(c.assigneeId, aName, aEmail),
      escalated: c.escalatedAt !== null,
      version: c.version,
      firstReportAt: c.firstReportAt.toISOString(),
      lastReportAt: c.lastReportAt.toISOString(),
    })),
    total: total?.n ?? 0,
    page: f.page,
    pageSize: QUEUE_PAGE_SIZE,
  };
}

/** Neighbours of a case in the default queue order (active cases), for next/previous triage. */
async function neighbours(viewer: SessionUser, caseId: string) {
  const rows = await db
    .select({ id: moderationCases.id })
    .from(moderationCases)
    .where(inArray(moderationCases.status, [...activeCaseStatuses]))
    .orderBy(...queueOrder.priority)
    .limit(500);
  const i = rows.findIndex((r) => r.id === caseId);
  if (i < 0) return { prevId: null, nextId: rows[0]?.id ?? null };
  return { prevId: rows[i - 1]?.id ?? null, nextId: rows[i + 1]?.id ?? null };
}

/** Everything the case page shows. Caller: a moderator or admin (reporters' identities are included). Null when no such case. */
export async function getCaseDetail(viewer: SessionUser, caseId: string): Promise<CaseDetail | null> {
  const assignee = aliasedTable(users, 'assignee');
  const [row] = await db
    .select({ c: moderationCases, aName: assignee.name, aEmail: assignee.email })
    .from(moderationCases)
    .leftJoin(assignee, eq(assignee.id, moderationCases.assigneeId))
    .where(eq(moderationCases.id, caseId));
  if (!row) return null;
  const c = row.c;
  const actor = aliasedTable(users, 'actor');
  const reverter = aliasedTable(users, 'reverter');
  const [reports, notes, actions, current, history, owner, nav] = await Promise.all([
    db
      .select({ r: moderationReports, name: users.name, email: users.email })
      .from(moderationReports)
      .leftJoin(users, eq(users.id, moderationReports.reporterId))
      .where(eq(moderationReports.caseId, c.id))
      .orderBy(asc(moderationReports.createdAt)),
    db.select({ n: moderationNotes, name: users.name, email: users.email }).from(moderationNotes).leftJoin(users, eq(users.id, moderationNotes.authorId)).where(eq(moderationNotes.caseId, c.id)).orderBy(asc(moderationNotes.createdAt), asc(moderationNotes.id)),
    db
      .select({ a: moderationActions, name: actor.name, email: actor.email, rName: reverter.name, rEmail: reverter.email })
      .from(moderationActions)
      .leftJoin(actor, eq(actor.id, moderationActions.actorId))
      .leftJoin(reverter, eq(reverter.id, moderationActions.revertedById))
      .where(eq(moderationActions.caseId, c.id))
      .orderBy(asc(moderationActions.createdAt), asc(moderationActions.id)),
    loadTarget(c.targetType, c.targetId),
    targetHistory(c.targetType, c.targetId, c.id),
    c.ownerId ? ownerDetails(c.ownerId) : Promise.resolve(null),
    neighbours(viewer, c.id),
  ]);
  const standing = actions.filter((a) => !a.a.revertedAt);
  const latestId = standing[standing.length - 1]?.a.id ?? null;
  return {
    id: c.id,
    targetType: c.targetType,
    targetId: c.targetId,
    title: c.title,
    status: c.status,
    severity: c.severity,
    reportCount: c.reportCount,
    version: c.version,
    escalated: c.escalatedAt !== null,
    assignee: person(c.assigneeId, row.aName, row.aEmail),
    resolutionNote: c.resolutionNote,
    firstReportAt: c.firstReportAt.toISOString(),
    closedAt: iso(c.closedAt),
    courseId: c.courseId,
    current: current?.snapshot ?? null,
    reports: reports.map(({ r, name, email }) => ({
      id: r.id,
      reporter: { id: r.reporterId, name: name ?? null, email: email ?? r.reporterEmail },
      reason: r.reason,
      details: r.details,
      evidenceUrl: r.evidenceUrl,
      snapshot: r.snapshot as TargetSnapshot,
      duplicates: r.duplicates,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    })),
    notes: notes.map(({ n, name, email }) => ({ id: n.id, author: person(n.authorId, name, email), body: n.body, createdAt: n.createdAt.toISOString() })),
    actions: actions.map(({ a, name, email, rName, rEmail }) => ({
      id: a.id,
      type: a.type,
      reason: a.reason,
      actor: person(a.actorId, name, email),
      createdAt: a.createdAt.toISOString(),
      revertedAt: iso(a.revertedAt),
      revertedBy: person(a.revertedById, rName, rEmail),
      revertReason: a.revertReason,
      canRevert: a.id === latestId,
      suspendedUntil: a.type === 'suspend_user' ? (((a.after as { target?: { blockedUntil?: string | null } }).target?.blockedUntil ?? null) as string | null) : null,
    })),
    history,
    owner,
    ...nav,
  };
}

async function targetHistory(targetType: CaseDetail['targetType'], targetId: string, exceptId: string): Promise<CaseHistoryItem[]> {
  const cases = await db
    .select({ id: moderationCases.id, status: moderationCases.status, reportCount: moderationCases.reportCount, createdAt: moderationCases.createdAt })
    .from(moderationCases)
    .where(and(eq(moderationCases.targetType, targetType), eq(moderationCases.targetId, targetId), ne(moderationCases.id, exceptId)))
    .orderBy(desc(moderationCases.createdAt))
    .limit(20);
  if (!cases.length) return [];
  const acts = await db
    .select({ caseId: moderationActions.caseId, type: moderationActions.type, revertedAt: moderationActions.revertedAt, createdAt: moderationActions.createdAt })
    .from(moderationActions)
    .where(inArray(moderationActions.caseId, cases.map((c) => c.id)))
    .orderBy(asc(moderationActions.createdAt));
  return cases.map((c) => ({
    id: c.id,
    status: c.status,
    reportCount: c.reportCount,
    createdAt: c.createdAt.toISOString(),
    actions: acts.filter((a) => a.caseId === c.id).map((a) => ({ type: a.type, reverted: a.revertedAt !== null, createdAt: a.createdAt.toISOString() })),
  }));
}

async function ownerDetails(userId: string) {
  const [u] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, blockedAt: users.blockedAt, blockedUntil: users.blockedUntil, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!u) return null;
  const [n] = await db.select({ n: count() }).from(moderationCases).where(eq(moderationCases.ownerId, userId));
  const blocked = u.blockedAt !== null && (u.blockedUntil === null || u.blockedUntil > new Date());
  return { id: u.id, name: u.name, email: u.email, role: u.role, blocked, blockedUntil: iso(u.blockedUntil), createdAt: u.createdAt.toISOString(), casesAsOwner: n?.n ?? 0 };
}

/** The user's own reports with each case's status and outcome. Caller passes the signed-in user's own id. */
export async function listMyReports(userId: string): Promise<MyReport[]> {
  const rows = await db
    .select({
      id: moderationReports.id,
      targetType: moderationCases.targetType,
      title: moderationCases.title,
      reason: moderationReports.reason,
      caseStatus: moderationCases.status,
      createdAt: moderationReports.createdAt,
      outcome: sql<MyReport['outcome']>`(select a.type from ${moderationActions} a where a.case_id = ${moderationCases.id} and a.reverted_at is null and a.type <> 'escalate' order by a.created_at desc limit 1)`,
    })
    .from(moderationReports)
    .innerJoin(moderationCases, eq(moderationCases.id, moderationReports.caseId))
    .where(eq(moderationReports.reporterId, userId))
    .orderBy(desc(moderationReports.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, outcome: r.caseStatus === 'resolved' || r.caseStatus === 'dismissed' ? r.outcome : null, createdAt: r.createdAt.toISOString() }));
}

/** Moderators and admins who can be assigned a case. Caller: moderator or admin. */
export async function listStaff(): Promise<StaffOption[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(inArray(users.role, ['moderator', 'admin']), isNull(users.blockedAt)))
    .orderBy(asc(users.name), asc(users.email))
    .limit(200);
}

/** Courses that have cases, for the queue's course filter. Caller: moderator or admin. */
export async function listCaseCourses() {
  return db
    .selectDistinct({ id: courses.id, title: courses.title })
    .from(moderationCases)
    .innerJoin(courses, eq(courses.id, moderationCases.courseId))
    .orderBy(asc(courses.title))
    .limit(200);
}
