import PgBoss from 'pg-boss';

// Job queues on PostgreSQL (pg-boss, schema `pgboss`). pg-boss keeps its own small `pg` pool: its SQL
// is written for node-postgres, and two extra connections are cheaper than an adapter to maintain.

export const QUEUES = {
  /** Probe, package and transcode one uploaded video (singleton per video id). */
  processVideo: 'video-process',
  /** Abort stale multipart uploads, delete orphaned objects, fail videos whose worker died. */
  storageCleanup: 'storage-cleanup',
  /** Delete every object under a prefix (course deletion, replaced videos), retried until it succeeds. */
  deletePrefix: 'storage-delete-prefix',
  /** Daily: next months' watch-segment partitions, pruning of old beat receipts. */
  learningMaintenance: 'learning-maintenance',
  /** Every minute: close idle views, fold them into the analytics roll-ups, drop old raw data. */
  analyticsRollup: 'analytics-rollup',
  /** Thumbnail of an uploaded homework image. */
  processAttachment: 'attachment-process',
  /** Text blocks, page sizes and thumbnails of one uploaded PDF (course materials). */
  materialExtract: 'material-extract',
} as const;

export type ProcessVideoJob = { videoId: string };
export type DeletePrefixJob = { prefix: string; reason: string };
export type ProcessAttachmentJob = { attachmentId: string };
/** `revision`: the file revision to extract; a job for an older revision (replaced file) does nothing. */
export type MaterialExtractJob = { materialId: string; revision: number };

export const PGBOSS_SCHEMA = 'pgboss';

// A dead worker's job is failed by the watchdog after a stale heartbeat (not by expiry, which must
// allow for hour-long transcodes); expiry is only the backstop.
const queueOptions: Record<string, Omit<PgBoss.Queue, 'name'>> = {
  [QUEUES.processVideo]: { policy: 'stately', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 6 * 3600 },
  [QUEUES.storageCleanup]: { policy: 'singleton', retryLimit: 2, retryDelay: 60, expireInSeconds: 3600 },
  [QUEUES.deletePrefix]: { policy: 'standard', retryLimit: 10, retryDelay: 60, retryBackoff: true, expireInSeconds: 3600 },
  [QUEUES.learningMaintenance]: { policy: 'singleton', retryLimit: 2, retryDelay: 300, expireInSeconds: 3600 },
  [QUEUES.analyticsRollup]: { policy: 'singleton', retryLimit: 1, retryDelay: 60, expireInSeconds: 3600 },
  [QUEUES.processAttachment]: { policy: 'standard', retryLimit: 2, retryDelay: 30, expireInSeconds: 600 },
  // A 2,000-page PDF extracts in minutes; expiry is the backstop for a dead worker.
  [QUEUES.materialExtract]: { policy: 'standard', retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 },
};

export function createBoss(connectionString: string, opts: { worker: boolean }) {
  return new PgBoss({
    connectionString,
    schema: PGBOSS_SCHEMA,
    max: opts.worker ? 4 : 2,
    application_name: opts.worker ? 'lectern-worker' : 'lectern-app',
    // Only the migrate step creates or upgrades the schema; servers just check it.
    migrate: false,
    supervise: opts.worker,
    schedule: opts.worker,
  });
}

/** Creates or upgrades pg-boss's schema and our queues. Run once before servers start (db/migrate.ts). */
export async function migrateQueues(connectionString: string) {
  const boss = new PgBoss({ connectionString, schema: PGBOSS_SCHEMA, max: 1, migrate: true, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  try {
    for (const [name, options] of Object.entries(queueOptions)) {
      if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...options });
      else await boss.createQueue(name, { name, ...options });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
