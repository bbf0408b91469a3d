import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { attachments, homeworkMessages, homeworkSubmissions } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { formatBytes } from '@/lib/format-bytes';
import { sendDeletePrefix, sendProcessAttachment } from '@/lib/jobs/client';
import { loggerFor } from '@/lib/logger';
import { getStorage, StorageError } from '@/lib/storage';
import { assertCanSubmit, threadRoleFor } from '@/lib/homework/access';
import type { AttachmentDto } from '@/lib/homework/dto';
import type { CreateAttachmentInput } from '@/lib/homework/schemas';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_SNIFF_BYTES, ATTACHMENT_URL_TTL_SECONDS, isAllowedExtension, isImageType } from './constants';
import { attachmentKey, lessonAttachmentsPrefix } from './keys';
import { sniffAttachment } from './sniff';
import { snapshotLink } from '@/lib/materials/links';

// Homework attachments follow the video upload protocol in small: the server creates the row and
// chooses the key, signs a PUT for that key only, and on completion checks the object itself (size
// from S3, real type from the first bytes); anything else is deleted. A file belongs to its
// uploader until it is bound to a message, then to the thread's participants.

type Meta = { ip?: string; requestId?: string };
const log = loggerFor('attachments');
const PUT_URL_TTL_SECONDS = 600;
/** Uploaded but never sent files per user per day (each one is an object until clean-up). */
const PENDING_PER_DAY = 100;

const fileError = (key: string, params?: Record<string, string | number>) => new AppError('VALIDATION', undefined, { fieldErrors: { file: [key] }, params });

/** Checks a file's declared name and size before any byte is sent. */
export function checkAttachmentFile(file: { filename: string; size: number }, maxBytes = ATTACHMENT_MAX_BYTES) {
  if (file.size === 0) throw fileError('homework.fileEmpty');
  if (file.size > maxBytes) throw fileError('homework.fileTooLarge', { size: formatBytes(file.size), max: formatBytes(maxBytes) });
  if (!isAllowedExtension(file.filename)) throw fileError('homework.fileType');
}

export const toAttachmentDto = (a: typeof attachments.$inferSelect): AttachmentDto => ({
  id: a.id,
  filename: a.filename,
  contentType: a.contentType,
  size: a.size,
  width: a.width,
  height: a.height,
  isImage: isImageType(a.contentType),
  hasThumbnail: Boolean(a.thumbnailKey),
  source: snapshotLink(a.origin),
});

/** Starts an upload into a thread the actor takes part in (a student only while the lesson is open to them). */
export async function createAttachmentUpload(actor: SessionUser, input: CreateAttachmentInput, meta: Meta = {}) {
  const studentId = input.studentId ?? actor.id;
  const role = await threadRoleFor(actor, input.courseId, studentId);
  if (!role) throw new AppError('NOT_FOUND');
  if (role === 'student') await assertCanSubmit(actor, input.courseId, input.lessonId);
  else {
    const thread = await db.query.homeworkSubmissions.findFirst({ where: and(eq(homeworkSubmissions.lessonId, input.lessonId), eq(homeworkSubmissions.studentId, studentId), eq(homeworkSubmissions.courseId, input.courseId)), columns: { id: true } });
    if (!thread) throw new AppError('NOT_FOUND');
  }
  const filename = input.filename.replace(/^.*[\\/]/, '');
  checkAttachmentFile({ filename, size: input.size });
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(attachments)
    .where(and(eq(attachments.uploaderId, actor.id), isNull(attachments.messageId), gt(attachments.createdAt, new Date(Date.now() - 86_400_000))));
  if (n >= PENDING_PER_DAY) throw new AppError('RATE_LIMITED');

  const id = randomUUID();
  const key = attachmentKey(input.courseId, input.lessonId, studentId, id, filename);
  await db.insert(attachments).values({ id, courseId: input.courseId, uploaderId: actor.id, key, filename, contentType: input.type || 'application/octet-stream', size: input.size });
  let url: string;
  try {
    url = await getStorage().presignPut(key, { expiresIn: PUT_URL_TTL_SECONDS });
  } catch (e) {
    await db.delete(attachments).where(eq(attachments.id, id));
    throw e;
  }
  log.info({ attachmentId: id, userId: actor.id, size: input.size, requestId: meta.requestId }, 'attachment upload started');
  return { attachmentId: id, url, method: 'PUT' as const };
}

/**
 * Checks the uploaded object (its size on S3 and its real type from the first bytes) and marks the
 * attachment ready; a file that is not what we accept is deleted with its row. Idempotent.
 */
export async function completeAttachmentUpload(actor: SessionUser, attachmentId: string, meta: Meta = {}): Promise<AttachmentDto> {
  const row = await db.query.attachments.findFirst({ where: eq(attachments.id, attachmentId) });
  if (!row || row.uploaderId !== actor.id || row.messageId) throw new AppError('NOT_FOUND');
  if (row.status === 'ready') return toAttachmentDto(row);
  const storage = getStorage();
  const head = await storage.headObject(row.key).catch((e) => {
    if (e instanceof StorageError && e.code === 'NOT_FOUND') throw fileError('homework.fileMissing');
    throw e;
  });
  const sniffed = head.size === row.size && head.size > 0 ? sniffAttachment(await getStorage().readStart(row.key, ATTACHMENT_SNIFF_BYTES, head.size), row.filename) : null;
  if (!sniffed) {
    await storage.deleteObject(row.key);
    await db.delete(attachments).where(eq(attachments.id, attachmentId));
    await writeAudit(db, { actorId: actor.id, action: 'attachment.rejected', targetType: 'attachment', targetId: attachmentId, data: { filename: row.filename, size: head.size, reason: head.size !== row.size ? 'size_mismatch' : 'type' }, ...meta });
    throw fileError('homework.fileRejected', { name: row.filename });
  }
  const [updated] = await db
    .update(attachments)
    .set({ status: 'ready', contentType: sniffed.type, size: head.size, width: sniffed.width ?? null, height: sniffed.height ?? null })
    .where(eq(attachments.id, attachmentId))
    .returning();
  if (isImageType(sniffed.type)) {
    // Thumbnails are a nicety: the full image is shown until one exists.
    await sendProcessAttachment({ attachmentId }).catch((e) => log.warn({ attachmentId, err: e instanceof Error ? e.message : String(e) }, 'could not queue thumbnail'));
  }
  return toAttachmentDto(updated!);
}

/**
 * A short-lived signed URL for an attachment (or its thumbnail), for the uploader of a file not yet
 * sent, or a participant of the thread its message belongs to. Anyone else: NOT_FOUND.
 */
export async function getAttachmentUrl(actor: SessionUser, attachmentId: string, opts: { thumb?: boolean; download?: boolean } = {}) {
  const [row] = await db
    .select({ a: attachments, studentId: homeworkSubmissions.studentId, removedAt: homeworkMessages.removedAt })
    .from(attachments)
    .leftJoin(homeworkMessages, eq(homeworkMessages.id, attachments.messageId))
    .leftJoin(homeworkSubmissions, eq(homeworkSubmissions.id, homeworkMessages.submissionId))
    .where(eq(attachments.id, attachmentId));
  if (!row || row.a.status !== 'ready') throw new AppError('NOT_FOUND');
  const allowed = row.a.messageId ? row.studentId !== null && (await threadRoleFor(actor, row.a.courseId, row.studentId)) !== null : row.a.uploaderId === actor.id;
  if (!allowed || row.removedAt) throw new AppError('NOT_FOUND');
  const key = opts.thumb && row.a.thumbnailKey ? row.a.thumbnailKey : row.a.key;
  // Only images open inline; any other file downloads, so a PDF or text never renders on our origin.
  const inline = isImageType(row.a.contentType) && !opts.download;
  return getStorage().presignGet(key, { expiresIn: ATTACHMENT_URL_TTL_SECONDS, downloadName: inline ? undefined : row.a.filename });
}

/**
 * Binds uploaded, checked attachments to a new message (inside the caller's transaction). The
 * caller has authorized the actor in the thread; each file must be the actor's, ready, unbound and
 * stored under this thread's prefix.
 */
export async function bindAttachments(tx: Tx, actor: SessionUser, ids: string[], messageId: string, threadPrefix: string) {
  if (!ids.length) return [];
  const unique = [...new Set(ids)];
  const rows = await tx
    .update(attachments)
    .set({ messageId })
    .where(and(inArray(attachments.id, unique), eq(attachments.uploaderId, actor.id), eq(attachments.status, 'ready'), isNull(attachments.messageId)))
    .returning();
  if (rows.length !== unique.length || rows.some((r) => !r.key.startsWith(threadPrefix))) throw new AppError('VALIDATION', undefined, { fieldErrors: { attachmentIds: ['homework.fileMissing'] } });
  return rows;
}

/** After lessons were deleted (their rows cascade): deletes their threads' objects, or queues that. */
export async function deleteLessonAttachments(courseId: string, lessonIds: string[]) {
  for (const lessonId of lessonIds) {
    const prefix = lessonAttachmentsPrefix(courseId, lessonId);
    try {
      await getStorage().deletePrefix(prefix);
    } catch (e) {
      log.warn({ prefix, err: e instanceof Error ? e.message : String(e) }, 'attachment delete failed; queued for retry');
      await sendDeletePrefix({ prefix, reason: 'lesson_deleted' }).catch(() => {
        // The hourly clean-up deletes objects without an attachments row anyway.
      });
    }
  }
}

/**
 * For the hourly orphan clean-up: drops attachments uploaded but never sent for a day, then returns
 * every key the database still accounts for (files and thumbnails). Objects not in it are orphans.
 */
export async function attachmentKeysToKeep(courseId?: string, now = new Date()): Promise<Set<string>> {
  await db.delete(attachments).where(and(isNull(attachments.messageId), lt(attachments.createdAt, new Date(now.getTime() - 86_400_000)), courseId ? eq(attachments.courseId, courseId) : undefined));
  const rows = await db.select({ key: attachments.key, thumb: attachments.thumbnailKey }).from(attachments).where(courseId ? eq(attachments.courseId, courseId) : undefined);
  const keys = new Set<string>();
  for (const r of rows) {
    keys.add(r.key);
    if (r.thumb) keys.add(r.thumb);
  }
  return keys;
}
