import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { lessons, materialBlocks, materialPages, materials } from '@/db/schema';
import { extensionOf } from '@/lib/attachments/constants';
import { sniffAttachment } from '@/lib/attachments/sniff';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { formatBytes } from '@/lib/format-bytes';
import { sendDeletePrefix, sendMaterialExtract } from '@/lib/jobs/client';
import { loggerFor } from '@/lib/logger';
import { getStorage, StorageError } from '@/lib/storage';
import { isAllowedMaterialName, isPdfType, MATERIAL_MAX_BYTES, MATERIAL_PART_SIZE, MATERIAL_PART_URL_TTL_SECONDS, MATERIALS_PER_LESSON } from './constants';
import { materialFileKey, materialRevisionPrefix } from './keys';
import type { CreateMaterialUploadInput, MaterialUploadRef } from './schemas';

// Material uploads follow the video protocol (server-chosen key, parts signed one by one for that
// key and upload id only, completion from the parts S3 reports) and the attachment checks (size
// from S3, real type sniffed from the first bytes, `%PDF-` for PDFs). A replacement is uploaded
// beside the current file and swapped in on completion, which starts extraction again.

type Meta = { ip?: string; requestId?: string };
const log = loggerFor('materials');
const SNIFF_BYTES = 64 * 1024;

/** Checks a file's declared name and size before any byte is sent. */
export function checkMaterialFile(file: { filename: string; size: number }) {
  if (file.size === 0) throw new AppError('VALIDATION', 'The file is empty', { fieldErrors: { file: ['materials.fileEmpty'] } });
  if (file.size > MATERIAL_MAX_BYTES) throw new AppError('VALIDATION', `The file is ${formatBytes(file.size)}; at most ${formatBytes(MATERIAL_MAX_BYTES)} is allowed`, { fieldErrors: { file: ['materials.fileTooLarge'] } });
  if (!isAllowedMaterialName(file.filename)) throw new AppError('VALIDATION', `${file.filename}: this type of file cannot be attached`, { fieldErrors: { file: ['materials.fileType'] } });
}

const titleOf = (filename: string) => filename.slice(0, filename.length - extensionOf(filename).length).replace(/[_-]+/g, ' ').trim() || filename;

/** Starts an upload: a new material (or a replacement of `materialId`'s file) and its S3 multipart upload. */
export async function createMaterialUpload(actor: SessionUser, input: CreateMaterialUploadInput, meta: Meta = {}) {
  await assertCourseRole(actor, input.courseId, 'editor');
  const filename = input.filename.replace(/^.*[\\/]/, '');
  checkMaterialFile({ filename, size: input.size });
  const storage = getStorage();
  let materialId: string;
  let revision: number;
  if (input.materialId) {
    const existing = await db.query.materials.findFirst({ where: and(eq(materials.id, input.materialId), eq(materials.courseId, input.courseId)) });
    if (!existing) throw new AppError('NOT_FOUND');
    // One upload per material at a time: a newer start abandons the older one.
    if (existing.uploadKey && existing.uploadId) await storage.abortMultipartUpload(existing.uploadKey, existing.uploadId).catch(() => {});
    materialId = existing.id;
    revision = existing.revision + 1;
  } else {
    if (input.lessonId) {
      const lesson = await db.query.lessons.findFirst({ where: and(eq(lessons.id, input.lessonId), eq(lessons.courseId, input.courseId)), columns: { id: true } });
      if (!lesson) throw new AppError('NOT_FOUND');
    }
    const [{ n } = { n: 0 }] = await db
      .select({ n: count() })
      .from(materials)
      .where(and(eq(materials.courseId, input.courseId), input.lessonId ? eq(materials.lessonId, input.lessonId) : isNull(materials.lessonId)));
    if (n >= MATERIALS_PER_LESSON) throw new AppError('RATE_LIMITED', `At most ${MATERIALS_PER_LESSON} materials per lesson`);
    materialId = randomUUID();
    revision = 1;
  }
  const key = materialFileKey(input.courseId, materialId, revision, filename);
  const uploadId = await storage.createMultipartUpload(key, { contentType: input.type || undefined });
  const upload = { uploadKey: key, uploadId, uploadFilename: filename, uploadSize: input.size, partSize: MATERIAL_PART_SIZE, updatedAt: new Date() };
  if (input.materialId) await db.update(materials).set(upload).where(eq(materials.id, materialId));
  else {
    await db.insert(materials).values({
      id: materialId,
      courseId: input.courseId,
      lessonId: input.lessonId ?? null,
      uploadedById: actor.id,
      title: titleOf(filename).slice(0, 200),
      filename,
      position: sql`(select coalesce(max(${materials.position}) + 1, 0) from ${materials} where ${materials.courseId} = ${input.courseId})`,
      ...upload,
    });
  }
  log.info({ materialId, size: input.size, requestId: meta.requestId, replace: Boolean(input.materialId) }, 'material upload started');
  return { materialId, uploadId, partSize: MATERIAL_PART_SIZE, partCount: Math.max(1, Math.ceil(input.size / MATERIAL_PART_SIZE)) };
}

async function getOwnUpload(actor: SessionUser, materialId: string, ref: MaterialUploadRef) {
  const row = await db.query.materials.findFirst({ where: eq(materials.id, materialId) });
  if (!row) throw new AppError('NOT_FOUND');
  await assertCourseRole(actor, row.courseId, 'editor');
  // Signatures are only ever made for the key and upload id issued for this material.
  if (!row.uploadKey || !row.uploadId || row.uploadId !== ref.uploadId) throw new AppError('CONFLICT', 'This upload is no longer in progress');
  return row as typeof row & { uploadKey: string; uploadId: string; uploadSize: number; uploadFilename: string };
}

/** A short-lived URL to PUT one part straight to the store. */
export async function signMaterialPart(actor: SessionUser, materialId: string, input: MaterialUploadRef & { partNumber: number }) {
  const row = await getOwnUpload(actor, materialId, input);
  const maxPart = Math.max(1, Math.ceil(row.uploadSize / row.partSize));
  if (input.partNumber > maxPart) throw new AppError('VALIDATION', `Part ${input.partNumber} is beyond the end of the file (${maxPart} parts)`);
  return { url: await getStorage().presignUploadPart(row.uploadKey, row.uploadId, input.partNumber, { expiresIn: MATERIAL_PART_URL_TTL_SECONDS }) };
}

/** The parts the store already holds, for resuming (Uppy's listParts: pause/resume, retries). */
export async function listMaterialUploadParts(actor: SessionUser, materialId: string, input: MaterialUploadRef) {
  const row = await getOwnUpload(actor, materialId, input);
  try {
    const parts = await getStorage().listParts(row.uploadKey, row.uploadId);
    return parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, Size: p.size }));
  } catch (e) {
    if (e instanceof StorageError && e.code === 'NOT_FOUND') throw new AppError('CONFLICT', 'This upload is no longer in progress');
    throw e;
  }
}

/** Forgets an upload: a new material's row goes, a replacement leaves the current file as it was. */
async function dropUpload(row: typeof materials.$inferSelect) {
  if (row.status === 'uploading') await db.delete(materials).where(eq(materials.id, row.id));
  else await db.update(materials).set({ uploadKey: null, uploadId: null, uploadFilename: null, uploadSize: null, updatedAt: new Date() }).where(eq(materials.id, row.id));
}

/**
 * Completes the multipart upload from the parts S3 lists, checks size and real type, then swaps the
 * file in (a new revision), deletes the previous revision's objects and queues extraction of PDFs.
 */
export async function completeMaterialUpload(actor: SessionUser, materialId: string, input: MaterialUploadRef, meta: Meta = {}) {
  const row = await getOwnUpload(actor, materialId, input);
  const storage = getStorage();
  const parts = (await storage.listParts(row.uploadKey, row.uploadId)).sort((a, b) => a.partNumber - b.partNumber);
  const expected = Math.max(1, Math.ceil(row.uploadSize / row.partSize));
  const total = parts.reduce((s, p) => s + (p.size ?? 0), 0);
  if (parts.length !== expected || parts.some((p, i) => p.partNumber !== i + 1) || total !== row.uploadSize) {
    throw new AppError('CONFLICT', `Expected ${expected} parts totalling ${row.uploadSize} bytes, found ${parts.length} totalling ${total}`);
  }
  await storage.completeMultipartUpload(row.uploadKey, row.uploadId, parts);
  const head = await storage.headObject(row.uploadKey);
  const sniffed = head.size === row.uploadSize ? sniffAttachment(await getStorage().readStart(row.uploadKey, SNIFF_BYTES, head.size), row.uploadFilename) : null;
  // A .pdf must really be a PDF: `%PDF-` at the start.
  if (!sniffed || (extensionOf(row.uploadFilename) === '.pdf') !== isPdfType(sniffed.type)) {
    await storage.deleteObject(row.uploadKey);
    await dropUpload(row);
    await writeAudit(db, { actorId: actor.id, action: 'material.rejected', targetType: 'material', targetId: materialId, data: { filename: row.uploadFilename, size: head.size }, ...meta });
    throw new AppError('VALIDATION', `${row.uploadFilename} is not a document of the type its name says`, { fieldErrors: { file: ['materials.fileRejected'] } });
  }
  const revision = row.status === 'uploading' ? 1 : row.revision + 1;
  const isPdf = isPdfType(sniffed.type);
  const updated = await db.transaction(async (tx) => {
    const [u] = await tx
      .update(materials)
      .set({
        key: row.uploadKey,
        filename: row.uploadFilename,
        contentType: sniffed.type,
        size: head.size,
        revision,
        status: 'ready',
        uploadKey: null,
        uploadId: null,
        uploadFilename: null,
        uploadSize: null,
        extractStatus: isPdf ? 'queued' : 'none',
        extractError: null,
        pageCount: null,
        pagesDone: 0,
        blockCount: 0,
        extractedAt: null,
        updatedAt: new Date(),
      })
      .where(and(eq(materials.id, materialId), eq(materials.uploadId, row.uploadId)))
      .returning();
    if (!u) throw new AppError('CONFLICT', 'This upload is no longer in progress');
    // The old revision's text would point at pages that no longer exist.
    await tx.delete(materialPages).where(eq(materialPages.materialId, materialId));
    await tx.delete(materialBlocks).where(eq(materialBlocks.materialId, materialId));
    await writeAudit(tx, { actorId: actor.id, action: row.status === 'uploading' ? 'material.uploaded' : 'material.replaced', targetType: 'material', targetId: materialId, data: { filename: row.uploadFilename, size: head.size, revision }, ...meta });
    return u;
  });
  if (row.status !== 'uploading' && row.revision > 0) {
    const old = materialRevisionPrefix(row.courseId, materialId, row.revision);
    await storage.deletePrefix(old).catch(() => sendDeletePrefix({ prefix: old, reason: 'material_replaced' }).catch(() => {}));
  }
  if (isPdf) await sendMaterialExtract({ materialId, revision });
  return updated;
}

/** Cancel: aborts the multipart upload; a new material is forgotten, a replacement keeps the old file. */
export async function abortMaterialUpload(actor: SessionUser, materialId: string, input: MaterialUploadRef) {
  const row = await getOwnUpload(actor, materialId, input).catch((e) => {
    if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'CONFLICT')) return null;
    throw e;
  });
  if (!row) return { aborted: false };
  await getStorage()
    .abortMultipartUpload(row.uploadKey, row.uploadId)
    .catch((e) => {
      if (!(e instanceof StorageError && e.code === 'NOT_FOUND')) throw e;
    });
  await dropUpload(row);
  return { aborted: true };
}
