import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { moderationActions, moderationCases, moderationNotes, users } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { emailNotification } from '@/lib/notifications/email';
import { notify, type NotificationData } from '@/lib/notifications/mutations';
import { actionsForTarget, adminOnlyActions, type ModerationActionType } from './constants';
import { assertMayDecide, assertStaffUser, isActive, lockCase, notifyReporters, writeCaseState, type CaseRow, type CaseState, type Meta } from './case-lock';
import type { AddNoteInput, AssignCaseInput, BulkCasesInput, RevertActionInput, TakeActionInput } from './schemas';
import { readTargetState, type TargetState } from './target-state';

// A moderator's decisions on a case. Each is one transaction: lock the case and check its version
// (CONFLICT for the second of two moderators), check the actor may do this to this target, change the
// target, record the action with the exact before/after state, close or update the case, notify the
// owner (with the moderator's reason, never the reporters' identity) and write the audit entry.

const conflict = (messageKey: string) => new AppError('CONFLICT', undefined, { messageKey });
type Email = { userId: string; data: NotificationData };

/** Owner notices per action (keys of the `notifications` messages). */
const ownerNotice: Partial<Record<ModerationActionType, string>> = {
  hide_lesson: 'moderationLessonHidden',
  unpublish_course: 'moderationCourseUnpublished',
  remove_message: 'moderationMessageRemoved',
  suspend_user: 'moderationSuspended',
};

async function ownerRole(tx: Tx, kase: CaseRow) {
  if (!kase.ownerId) return null;
  const u = await tx.query.users.findFirst({ where: eq(users.id, kase.ownerId), columns: { role: true } });
  return u?.role ?? null;
}

/** Moderators cannot act on admins' content or accounts (they may dismiss or escalate); nobody suspends an admin here. */
async function assertMayTake(tx: Tx, actor: SessionUser, kase: CaseRow, type: ModerationActionType) {
  assertMayDecide(actor, kase);
  if (!actionsForTarget[kase.targetType].includes(type)) throw new AppError('VALIDATION', undefined, { fieldErrors: { type: ['moderation.actionNotForTarget'] } });
  if (adminOnlyActions.includes(type) && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  if (type === 'dismiss' || type === 'escalate') return;
  const role = await ownerRole(tx, kase);
  if (role === 'admin' && (actor.role !== 'admin' || type === 'suspend_user')) throw new AppError('FORBIDDEN');
  if (type === 'suspend_user' && kase.ownerId === actor.id) throw new AppError('FORBIDDEN');
}

function nextCaseState(actor: SessionUser, state: CaseState, type: ModerationActionType, reason: string, now: string): CaseState {
  if (type === 'escalate') return { ...state, escalatedAt: now, assigneeId: null, status: 'open' };
  return { ...state, status: type === 'dismiss' ? 'dismissed' : 'resolved', assigneeId: state.assigneeId ?? actor.id, resolutionNote: reason, closedAt: now };
}

async function dbNow(tx: Tx) {
  const [r] = await tx.execute<{ now: string }>(sql`select now()::text as now`);
  return r!.now;
}

async function takeActionTx(tx: Tx, actor: SessionUser, input: TakeActionInput, meta: Meta, emails: Email[]) {
  const { kase, state } = await lockCase(tx, input.caseId, input.expectedVersion);
  if (!isActive(kase.status)) throw conflict('caseClosed');
  if (input.type === 'escalate' && kase.escalatedAt) throw conflict('alreadyApplied');
  await assertMayTake(tx, actor, kase, input.type);
  const { o, state: targetBefore } = await readTargetState(tx, kase, input.type);
  o?.check?.(targetBefore);
  const targetAfter: TargetState = o ? await o.apply({ tx, kase, reason: input.reason, suspendDays: input.suspendDays, title: kase.title }) : {};
  const caseAfter = nextCaseState(actor, state, input.type, input.reason, await dbNow(tx));
  const version = await writeCaseState(tx, kase, caseAfter);
  const before = { target: targetBefore, case: state };
  const after = { target: targetAfter, case: caseAfter };
  const [action] = await tx.insert(moderationActions).values({ caseId: kase.id, actorId: actor.id, type: input.type, reason: input.reason, before, after }).returning({ id: moderationActions.id });
  const notice = ownerNotice[input.type];
  if (notice && kase.ownerId) {
    const data: NotificationData = { key: notice, params: { title: kase.title, reason: input.reason } };
    await notify(tx, kase.ownerId, `moderation.${input.type}`, data);
    emails.push({ userId: kase.ownerId, data });
  }
  if (input.type !== 'escalate') await notifyReporters(tx, kase, input.type === 'dismiss' ? 'moderationReportDismissed' : 'moderationReportActioned');
  await writeAudit(tx, { actorId: actor.id, action: `moderation.${input.type}`, targetType: kase.targetType, targetId: kase.targetId, data: { caseId: kase.id, actionId: action!.id, reason: input.reason, before, after }, ...meta });
  return { caseId: kase.id, actionId: action!.id, version };
}

function sendAll(emails: Email[]) {
  // After the commit, without waiting: a slow SMTP server never holds up a decision.
  for (const e of emails) void emailNotification(e.userId, e.data);
}

/** Takes one action on a case (dismiss, hide, unpublish, remove, warn, suspend, escalate). Caller: moderator or admin (the wrapper); the rest is checked here. */
export async function takeAction(actor: SessionUser, input: TakeActionInput, meta: Meta = {}) {
  const emails: Email[] = [];
  const r = await db.transaction((tx) => takeActionTx(tx, actor, input, meta, emails));
  sendAll(emails);
  return r;
}

/**
 * Reverts the latest standing action of a case: checks the target is still as the action left it,
 * puts back the exact previous state of the target and of the case. Caller: moderator or admin.
 */
export async function revertAction(actor: SessionUser, input: RevertActionInput, meta: Meta = {}) {
  const emails: Email[] = [];
  const r = await db.transaction(async (tx) => {
    const [action] = await tx.select().from(moderationActions).where(eq(moderationActions.id, input.actionId)).for('update');
    if (!action) throw new AppError('NOT_FOUND');
    const { kase } = await lockCase(tx, action.caseId, input.expectedVersion);
    if (action.revertedAt) throw conflict('alreadyReverted');
    const [latest] = await tx
      .select({ id: moderationActions.id })
      .from(moderationActions)
      .where(and(eq(moderationActions.caseId, kase.id), isNull(moderationActions.revertedAt)))
      .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
      .limit(1);
    if (latest?.id !== action.id) throw conflict('revertLatestFirst');
    // Reverting an escalation is how a case comes back to moderators, so only the escalation check is skipped for it.
    if (action.type !== 'escalate') await assertMayTake(tx, actor, kase, action.type);
    else if (actor.role !== 'admin' && actor.role !== 'moderator') throw new AppError('FORBIDDEN');
    const before = action.before as { target: TargetState; case: CaseState };
    const after = action.after as { target: TargetState; case: CaseState };
    const { o, state: current } = await readTargetState(tx, kase, action.type);
    if (o) {
      const moved = Object.keys(current).some((k) => current[k] !== after.target[k]);
      if (moved) throw conflict('targetChanged');
      await o.restore(tx, kase, before.target, after.target);
    }
    const version = await writeCaseState(tx, kase, before.case);
    await tx.update(moderationActions).set({ revertedAt: sql`now()`, revertedById: actor.id, revertReason: input.reason }).where(eq(moderationActions.id, action.id));
    if (ownerNotice[action.type] && kase.ownerId) {
      const data: NotificationData = { key: 'moderationReverted', params: { title: kase.title } };
      await notify(tx, kase.ownerId, 'moderation.reverted', data);
      emails.push({ userId: kase.ownerId, data });
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: `moderation.revert.${action.type}`,
      targetType: kase.targetType,
      targetId: kase.targetId,
      data: { caseId: kase.id, actionId: action.id, reason: input.reason, before: { target: current, case: after.case }, after: before },
      ...meta,
    });
    return { caseId: kase.id, version };
  });
  sendAll(emails);
  return r;
}

async function assignCaseTx(tx: Tx, actor: SessionUser, input: AssignCaseInput, meta: Meta) {
  const { kase, state } = await lockCase(tx, input.caseId, input.expectedVersion);
  if (!isActive(kase.status)) throw conflict('caseClosed');
  const assigneeId = input.assigneeId === undefined ? actor.id : input.assigneeId;
  if (assigneeId) await assertStaffUser(tx, assigneeId);
  // Escalated cases go to admins.
  if (assigneeId && kase.escalatedAt && assigneeId !== actor.id && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  if (kase.escalatedAt && assigneeId === actor.id && actor.role !== 'admin') throw new AppError('FORBIDDEN', undefined, { messageKey: 'escalatedAdminsOnly' });
  const version = await writeCaseState(tx, kase, { ...state, assigneeId, status: assigneeId ? 'in_review' : 'open' });
  await writeAudit(tx, { actorId: actor.id, action: 'moderation.assign', targetType: kase.targetType, targetId: kase.targetId, data: { caseId: kase.id, from: state.assigneeId, to: assigneeId }, ...meta });
  return { caseId: kase.id, version, assigneeId };
}

/** Assigns a case to the actor (default), to another moderator, or back to the queue (null). Caller: moderator or admin. */
export async function assignCase(actor: SessionUser, input: AssignCaseInput, meta: Meta = {}) {
  return db.transaction((tx) => assignCaseTx(tx, actor, input, meta));
}

/** An internal note on a case (never shown outside moderation). Caller: moderator or admin. */
export async function addNote(actor: SessionUser, input: AddNoteInput, meta: Meta = {}) {
  return db.transaction(async (tx) => {
    const [kase] = await tx
      .update(moderationCases)
      .set({ firstResponseAt: sql`coalesce(${moderationCases.firstResponseAt}, now())`, updatedAt: sql`now()` })
      .where(eq(moderationCases.id, input.caseId))
      .returning();
    if (!kase) throw new AppError('NOT_FOUND');
    const [note] = await tx.insert(moderationNotes).values({ caseId: kase.id, authorId: actor.id, body: input.body }).returning({ id: moderationNotes.id });
    await writeAudit(tx, { actorId: actor.id, action: 'moderation.note', targetType: kase.targetType, targetId: kase.targetId, data: { caseId: kase.id, noteId: note!.id }, ...meta });
    return { noteId: note!.id };
  });
}

/** Takes or dismisses several cases at once: all or nothing (one stale case makes it a CONFLICT). Caller: moderator or admin. */
export async function bulkCases(actor: SessionUser, input: BulkCasesInput, meta: Meta = {}) {
  if (input.operation === 'dismiss' && !input.reason) throw new AppError('VALIDATION', undefined, { fieldErrors: { reason: ['validation.required'] } });
  const emails: Email[] = [];
  const r = await db.transaction(async (tx) => {
    const out: { caseId: string; version: number }[] = [];
    for (const c of input.cases) {
      out.push(
        input.operation === 'assign_me'
          ? await assignCaseTx(tx, actor, { caseId: c.caseId, expectedVersion: c.expectedVersion }, meta)
          : await takeActionTx(tx, actor, { caseId: c.caseId, expectedVersion: c.expectedVersion, type: 'dismiss', reason: input.reason }, meta, emails),
      );
    }
    return { cases: out };
  });
  sendAll(emails);
  return r;
}
