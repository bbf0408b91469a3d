import 'server-only';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { attachments } from '@/db/schema';
import { env } from '@/lib/env';
import { runFfmpeg } from '@/lib/media/run';
import { findMediaTools } from '@/lib/media/tools';
import type { Storage } from '@/lib/storage';
import { isImageType } from './constants';
import { thumbnailKeyOf } from './keys';

const THUMB_WIDTH = 320;

/**
 * Worker job: a JPEG thumbnail (at most 320 px wide) of an image attachment, stored beside it.
 * Without ffmpeg the job ends quietly: the full image is shown instead.
 */
export async function processAttachment(attachmentId: string, opts: { storage: Storage }) {
  const row = await db.query.attachments.findFirst({ where: eq(attachments.id, attachmentId) });
  if (!row || row.status !== 'ready' || !isImageType(row.contentType) || row.thumbnailKey) return { skipped: true };
  const tools = await findMediaTools({ ffmpegPath: env.FFMPEG_PATH, ffprobePath: env.FFPROBE_PATH });
  if (!tools.ffmpeg) return { skipped: true };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lectern-att-'));
  try {
    const src = path.join(dir, 'src');
    const out = path.join(dir, 'thumb.jpg');
    const obj = await opts.storage.getObject(row.key);
    await fs.writeFile(src, obj.body);
    await runFfmpeg(tools.ffmpeg, ['-y', '-i', src, '-frames:v', '1', '-vf', `scale='min(${THUMB_WIDTH},iw)':-2`, '-q:v', '5', '-update', '1', out]);
    const thumbKey = thumbnailKeyOf(row.key);
    await opts.storage.putObject(thumbKey, await fs.readFile(out), { contentType: 'image/jpeg' });
    await db.update(attachments).set({ thumbnailKey: thumbKey }).where(eq(attachments.id, attachmentId));
    return { thumbnailKey: thumbKey };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
