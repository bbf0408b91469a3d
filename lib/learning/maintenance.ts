import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';

/**
 * Beat receipts older than this are pruned. A beat is only accepted with its view's ticket, which
 * expires after 8 hours, so an older receipt can never again stop a duplicate.
 */
const BEAT_RECEIPT_DAYS = 2;

/** Daily: creates the next months' watch-segment partitions and prunes old beat receipts. */
export async function runLearningMaintenance() {
  await db.execute(sql`select ensure_watch_segment_partitions(2)`);
  const pruned = await db.execute(sql`delete from view_beats where received_at < now() - make_interval(days => ${BEAT_RECEIPT_DAYS})`);
  return { prunedBeatReceipts: pruned.count };
}
