import 'server-only';
import { sql, type SQL } from 'drizzle-orm';

/**
 * Two select-list columns for a watchdog: `job_id`, the queued, retrying or active job of `queue`
 * whose `data[field]` is `id` (an active one first), and `active`, whether such a job is running.
 * pg-boss 10 has no heartbeat of its own, so watchdogs read its job table directly.
 */
export function jobColumns(queue: string, field: string, id: SQL): SQL {
  return sql`
    (select j.id::text from pgboss.job j
      where j.name = ${queue} and j.data->>${field} = ${id}::text and j.state in ('created', 'retry', 'active')
      order by (j.state = 'active') desc limit 1) as job_id,
    exists (select 1 from pgboss.job j
      where j.name = ${queue} and j.data->>${field} = ${id}::text and j.state = 'active') as active`;
}
