import 'server-only';
import type PgBoss from 'pg-boss';
import { env } from '@/lib/env';
import { loggerFor } from '@/lib/logger';
import { getStorage } from '@/lib/storage';
import { runAnalyticsRollup } from '@/lib/analytics/rollup';
import { runLearningMaintenance } from '@/lib/learning/maintenance';
import { runStorageCleanup, runWatchdog } from '@/lib/videos/maintenance';
import { runMaterialWatchdog } from '@/lib/materials/watchdog';
import { processVideo } from '@/lib/videos/process';
import { processAttachment } from '@/lib/attachments/process';
import { processMaterial } from '@/lib/materials/process';
import { createBoss, QUEUES, type DeletePrefixJob, type MaterialExtractJob, type ProcessAttachmentJob, type ProcessVideoJob } from './queues';

const log = loggerFor('worker');
const WATCHDOG_MS = 10_000;

/**
 * The job worker: video processing, storage clean-up (hourly) and the watchdog. `npm start` runs one
 * beside the app; in production run `npm run worker` as its own process (several may run).
 */
export async function startWorker(opts: { staleSeconds?: number } = {}) {
  const boss = createBoss(env.DATABASE_URL, { worker: true });
  boss.on('error', (err) => log.error({ err: { message: err.message } }, 'job queue error'));
  await boss.start();
  const shutdown = new AbortController();
  const storage = getStorage();

  for (let i = 0; i < env.WORKER_CONCURRENCY; i++) {
    await boss.work<ProcessVideoJob>(QUEUES.processVideo, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      log.info({ videoId: job.data.videoId, jobId: job.id, retry: job.retryCount }, 'processing video');
      return processVideo(job.data.videoId, { storage, signal: shutdown.signal, isLastAttempt: job.retryCount >= job.retryLimit });
    });
  }
  await boss.work<DeletePrefixJob>(QUEUES.deletePrefix, { batchSize: 1 }, async ([job]) => {
    if (!job) return;
    const deleted = await storage.deletePrefix(job.data.prefix);
    log.info({ prefix: job.data.prefix, reason: job.data.reason, deleted }, 'deleted objects under prefix');
    return { deleted };
  });
  await boss.work<ProcessAttachmentJob>(QUEUES.processAttachment, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    return processAttachment(job.data.attachmentId, { storage });
  });
  await boss.work<MaterialExtractJob>(QUEUES.materialExtract, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    return processMaterial(job.data.materialId, job.data.revision, { storage, isLastAttempt: job.retryCount >= job.retryLimit });
  });
  await boss.work(QUEUES.storageCleanup, { batchSize: 1 }, async () => runStorageCleanup(storage, { staleHours: env.UPLOAD_STALE_HOURS }));
  await boss.schedule(QUEUES.storageCleanup, '17 * * * *');
  await boss.work(QUEUES.learningMaintenance, { batchSize: 1 }, async () => runLearningMaintenance());
  await boss.schedule(QUEUES.learningMaintenance, '7 3 * * *');
  await boss.work(QUEUES.analyticsRollup, { batchSize: 1 }, async () => runAnalyticsRollup());
  await boss.schedule(QUEUES.analyticsRollup, '* * * * *');
  // And once now, so dashboards are current right after a restart (singleton: never piles up).
  await boss.send(QUEUES.analyticsRollup, {});

  const staleSeconds = opts.staleSeconds ?? env.WORKER_STALE_SECONDS;
  const jobOps = {
    fail: (jobId: string, reason: string) => boss.fail(QUEUES.processVideo, jobId, { message: reason }),
    send: (videoId: string) => boss.send(QUEUES.processVideo, { videoId }, { singletonKey: videoId }),
  };
  const watchdog = async () => {
    try {
      await runWatchdog(jobOps, staleSeconds);
      await runMaterialWatchdog({ fail: (jobId, reason) => boss.fail(QUEUES.materialExtract, jobId, { message: reason }) }, staleSeconds);
    } catch (e) {
      log.warn({ err: e instanceof Error ? e.message : String(e) }, 'watchdog run failed');
    }
  };
  await watchdog();
  const timer = setInterval(watchdog, WATCHDOG_MS);

  log.info({ concurrency: env.WORKER_CONCURRENCY }, 'worker started');
  return {
    boss: boss as PgBoss,
    /** Stops taking jobs, kills running ffmpeg (the job is retried elsewhere) and closes the pool. */
    async stop() {
      clearInterval(timer);
      shutdown.abort();
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}
