import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { materials } from '@/db/schema';
import { jobColumns } from '@/lib/jobs/lookup';
import { QUEUES } from '@/lib/jobs/queues';
import { loggerFor } from '@/lib/logger';

const log = loggerFor('materials');

export type MaterialWatchdogResult = { retried: string[]; lost: string[] };

/**
 * Extraction whose worker stopped writing heartbeats (killed, out of memory, machine gone): its
 * active job is failed so pg-boss retries it with backoff, instead of waiting for the job's one-hour
 * expiry. A material still "processing" with no job left at all is marked failed with a reason, so
 * the author can use "Extract again". Run by the worker's watchdog tick, beside the videos' one.
 */
export async function runMaterialWatchdog(jobs: { fail(jobId: string, reason: string): Promise<void> }, staleSeconds: number): Promise<MaterialWatchdogResult> {
  const rows = await db.execute<{ id: string; revision: number; job_id: string | null; active: boolean }>(sql`
    select m.id, m.revision, ${jobColumns(QUEUES.materialExtract, 'materialId', sql`m.id`)}
    from materials m
    where m.extract_status = 'processing'
      and coalesce(m.extract_heartbeat_at, m.updated_at) < now() - make_interval(secs => ${staleSeconds})`);
  const result: MaterialWatchdogResult = { retried: [], lost: [] };
  for (const r of rows) {
    if (r.job_id && r.active) {
      await jobs.fail(r.job_id, 'The worker extracting this document stopped responding');
      result.retried.push(r.id);
    } else if (!r.job_id) {
      await db
        .update(materials)
        .set({ extractStatus: 'failed', extractError: 'Extraction stopped and was not retried. Use “Extract again”.', updatedAt: new Date() })
        .where(and(eq(materials.id, r.id), eq(materials.revision, r.revision), eq(materials.extractStatus, 'processing')));
      result.lost.push(r.id);
    }
  }
  if (result.retried.length || result.lost.length) log.warn(result, 'watchdog repaired document extraction');
  return result;
}
