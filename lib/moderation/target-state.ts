import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db/factory';
import { courses, homeworkMessages, lessons, notifications, users } from '@/db/schema';
import { isBlockedAt } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import type { ModerationActionType } from './constants';
import type { CaseRow } from './case-lock';

// How each action changes its target, reads the fields it changes and puts them back. Timestamps are
// read and written as PostgreSQL text, so a revert restores the exact previous value (microseconds
// included). A revert first checks that the target still is as the action left it.

export type TargetState = Record<string, string | null>;
type Ctx = { tx: Tx; kase: CaseRow; reason: string; suspendDays?: number; title: string };

type Ops = {
  /** The fields this action changes, locked; null when the target no longer exists. */
  read(tx: Tx, kase: CaseRow): Promise<TargetState | null>;
  /** Throws CONFLICT when the action would change nothing (already hidden, not published…). */
  check?(state: TargetState): void;
  apply(ctx: Ctx): Promise<TargetState>;
  restore(tx: Tx, kase: CaseRow, before: TargetState, after: TargetState): Promise<void>;
};

const already = () => new AppError('CONFLICT', undefined, { messageKey: 'alreadyApplied' });
const ts = (v: string | null) => (v === null ? null : sql`${v}::timestamptz`);
const noOwner = () => new AppError('CONFLICT', undefined, { messageKey: 'noOwner' });

async function readOwner(tx: Tx, kase: CaseRow) {
  if (!kase.ownerId) return null;
  const [u] = await tx
    .select({ blockedAt: sql<string | null>`${users.blockedAt}::text`, blockedUntil: sql<string | null>`${users.blockedUntil}::text`, blockedReason: users.blockedReason })
    .from(users)
    .where(eq(users.id, kase.ownerId))
    .for('update');
  return u ?? null;
}

/** An action that stamps a timestamp column (lessons.hidden_at, homework_messages.removed_at); the revert writes the old value back. */
function stampOps(table: typeof lessons | typeof homeworkMessages, column: PgColumn, key: 'hiddenAt' | 'removedAt'): Ops {
  const byId = (id: string) => eq(table.id, id);
  return {
    async read(tx, kase) {
      const [r] = await tx.select({ v: sql<string | null>`${column}::text` }).from(table).where(byId(kase.targetId)).for('update');
      return r ? { [key]: r.v } : null;
    },
    check: (s) => {
      if (s[key] !== null) throw already();
    },
    async apply({ tx, kase }) {
      const [r] = await tx.update(table).set({ [key]: sql`now()` } as never).where(byId(kase.targetId)).returning({ v: sql<string>`${column}::text` });
      return { [key]: r!.v };
    },
    async restore(tx, kase, before) {
      await tx.update(table).set({ [key]: ts(before[key] ?? null) } as never).where(byId(kase.targetId));
    },
  };
}

const ops: Partial<Record<ModerationActionType, Ops>> = {
  hide_lesson: stampOps(lessons, lessons.hiddenAt, 'hiddenAt'),
  // Unpublishing also holds the course: its editors cannot simply publish it again (checkPublishable
  // lists the hold) until a moderator reverts this action.
  unpublish_course: {
    async read(tx, kase) {
      const [c] = await tx
        .select({ status: courses.status, moderationHeldAt: sql<string | null>`${courses.moderationHeldAt}::text` })
        .from(courses)
        .where(eq(courses.id, kase.targetId))
        .for('update');
      return c ?? null;
    },
    check: (s) => {
      if (s.status !== 'published') throw already();
    },
    async apply({ tx, kase }) {
      const [c] = await tx.update(courses).set({ status: 'draft', moderationHeldAt: sql`now()` }).where(eq(courses.id, kase.targetId)).returning({ heldAt: sql<string>`${courses.moderationHeldAt}::text` });
      return { status: 'draft', moderationHeldAt: c!.heldAt };
    },
    async restore(tx, kase, before) {
      // Actions recorded before holds existed have no moderationHeldAt: the course was not held.
      await tx.update(courses).set({ status: before.status as 'published', moderationHeldAt: ts(before.moderationHeldAt ?? null) }).where(eq(courses.id, kase.targetId));
    },
  },
  remove_message: stampOps(homeworkMessages, homeworkMessages.removedAt, 'removedAt'),
  suspend_user: {
    read: readOwner,
    check: (s) => {
      if (isBlockedAt({ blockedAt: s.blockedAt ? new Date(s.blockedAt) : null, blockedUntil: s.blockedUntil ? new Date(s.blockedUntil) : null })) throw already();
    },
    async apply({ tx, kase, reason, suspendDays }) {
      const [u] = await tx
        .update(users)
        .set({
          blockedAt: sql`now()`,
          blockedUntil: suspendDays ? sql`now() + make_interval(days => ${suspendDays})` : null,
          blockedReason: reason,
          // Every session of the user ends now.
          sessionVersion: sql`${users.sessionVersion} + 1`,
        })
        .where(eq(users.id, kase.ownerId!))
        .returning({ blockedAt: sql<string>`${users.blockedAt}::text`, blockedUntil: sql<string | null>`${users.blockedUntil}::text`, blockedReason: users.blockedReason });
      return u!;
    },
    async restore(tx, kase, before) {
      await tx
        .update(users)
        .set({ blockedAt: ts(before.blockedAt ?? null), blockedUntil: ts(before.blockedUntil ?? null), blockedReason: before.blockedReason ?? null })
        .where(eq(users.id, kase.ownerId!));
    },
  },
  warn_owner: {
    // The warning is a notice in the owner's app; reverting takes it back.
    async read() {
      return {};
    },
    async apply({ tx, kase, reason, title }) {
      const [n] = await tx
        .insert(notifications)
        .values({ userId: kase.ownerId!, kind: 'moderation.warning', data: { key: 'moderationWarning', params: { title, reason } } })
        .returning({ id: notifications.id });
      return { notificationId: String(n!.id) };
    },
    async restore(tx, kase, _before, after) {
      if (after.notificationId) await tx.delete(notifications).where(and(eq(notifications.id, Number(after.notificationId)), eq(notifications.userId, kase.ownerId!)));
    },
  },
};

/** Whether the action touches a user who must exist (the owner). */
export const needsOwner = (type: ModerationActionType) => type === 'warn_owner' || type === 'suspend_user';

export function targetOps(type: ModerationActionType) {
  return ops[type] ?? null;
}

/** Reads the target's state for an action (NOT_FOUND when the target is gone, CONFLICT when there is no owner to act on). */
export async function readTargetState(tx: Tx, kase: CaseRow, type: ModerationActionType) {
  const o = targetOps(type);
  if (!o) return { o: null, state: {} as TargetState };
  if (needsOwner(type) && !kase.ownerId) throw noOwner();
  const state = await o.read(tx, kase);
  if (!state) throw needsOwner(type) ? noOwner() : new AppError('NOT_FOUND', undefined, { messageKey: 'targetGone' });
  return { o, state };
}
