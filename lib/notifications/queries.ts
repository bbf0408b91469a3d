import 'server-only';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { notifications } from '@/db/schema';

export type NotificationDto = { id: number; kind: string; key: string; params: Record<string, string | number>; href: string | null; read: boolean; createdAt: string };

/** The user's unread count for the bell. Caller passes the signed-in user's own id. */
export async function countUnreadNotifications(userId: string) {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return n;
}

/** The user's latest notifications, newest first. Caller passes the signed-in user's own id. */
export async function listNotifications(userId: string, limit = 50): Promise<NotificationDto[]> {
  const rows = await db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
  return rows.map((r) => ({ id: r.id, kind: r.kind, key: r.data.key, params: r.data.params ?? {}, href: r.data.href ?? null, read: r.readAt !== null, createdAt: r.createdAt.toISOString() }));
}
