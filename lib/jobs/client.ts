import 'server-only';
import type PgBoss from 'pg-boss';
import { env } from '@/lib/env';
import { loggerFor } from '@/lib/logger';
import { createBoss, QUEUES, type DeletePrefixJob, type MaterialExtractJob, type ProcessAttachmentJob, type ProcessVideoJob } from './queues';

const log = loggerFor('jobs');
// One sender per server process, kept across dev hot reloads.
const g = globalThis as unknown as { __lecternBoss?: Promise<PgBoss> };

/** The app's job sender (no polling, no maintenance: the worker process does those). */
export function getBoss(): Promise<PgBoss> {
  g.__lecternBoss ??= (async () => {
    const boss = createBoss(env.DATABASE_URL, { worker: false });
    boss.on('error', (err) => log.error({ err: { message: err.message } }, 'job queue error'));
    await boss.start();
    return boss;
  })().catch((e) => {
    g.__lecternBoss = undefined;
    throw e;
  });
  return g.__lecternBoss;
}

/** Queues processing of one video; a second send while one is queued is a no-op (stately queue). */
export async function sendProcessVideo(data: ProcessVideoJob) {
  const boss = await getBoss();
  return boss.send(QUEUES.processVideo, data, { singletonKey: data.videoId });
}

export async function sendDeletePrefix(data: DeletePrefixJob) {
  const boss = await getBoss();
  return boss.send(QUEUES.deletePrefix, data);
}

export async function sendProcessAttachment(data: ProcessAttachmentJob) {
  const boss = await getBoss();
  return boss.send(QUEUES.processAttachment, data);
}

/** Queues text extraction of one material revision (one job per material and revision). */
export async function sendMaterialExtract(data: MaterialExtractJob) {
  const boss = await getBoss();
  return boss.send(QUEUES.materialExtract, data, { singletonKey: `${data.materialId}:${data.revision}` });
}
