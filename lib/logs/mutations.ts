import 'server-only';
import { lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { systemLogs } from '@/db/schema';

/** Deletes system logs older than `days`. Audit events are kept (they are the security record). */
export async function pruneSystemLogs(days: number): Promise<number> {
  const rows = await db.delete(systemLogs).where(lt(systemLogs.createdAt, sql`now() - make_interval(days => ${days})`)).returning({ id: systemLogs.id });
  return rows.length;
}
