import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Database, Tx } from '@/db/factory';
import { notifications } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';

export type NotificationData = { key: string; params?: Record<string, string | number>; href?: string };

/**
 * Records an in-app notification for `userId` in the caller's transaction (so it exists exactly
 * when the change it reports does). `data.key` is a key of the `notifications` messages.
 */
export async function notify(tx: Tx | Database, userId: string, kind: string, data: NotificationData) {
  await tx.insert(notifications).values({ userId, kind, data });
}

/** Marks the actor's notifications read: the given ones, or all when `ids` is omitted. */
export async function markNotificationsRead(actor: SessionUser, ids?: number[]) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
    .returning({ id: notifications.id });
  return { marked: rows.length };
}
