import 'server-only';
import fs from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { materialBlocks, materialPages, materials, materialWords, type ExtractStatus } from '@/db/schema';
import { loggerFor } from '@/lib/logger';
import type { Storage } from '@/lib/storage';
import { isPdfType } from './constants';
import { openPdf, PdfExtractError, type ExtractedPage } from './extract';
import { materialThumbKey } from './keys';

// Worker job `material-extract`: one material revision's PDF → page sizes, text blocks and page
// thumbnails. Pages are written in batches as they are extracted (progress = pages done), so the
// author sees progress and memory stays bounded. A replaced file (newer revision) stops the job.

const log = loggerFor('materials');
const BATCH_PAGES = 25;
const HEARTBEAT_MS = 5_000;
export const THUMB_WIDTH = 200;

const REASONS: Record<string, string> = {
  encrypted: 'The PDF is protected by a password. Upload a copy without a password.',
  corrupt: 'The file is damaged or is not a valid PDF.',
  unreadable: 'The PDF could not be read.',
};

async function setStatus(materialId: string, revision: number, status: ExtractStatus, extra: Partial<typeof materials.$inferInsert> = {}) {
  const rows = await db
    .update(materials)
    .set({ extractStatus: status, updatedAt: new Date(), ...extra })
    .where(and(eq(materials.id, materialId), eq(materials.revision, revision)))
    .returning({ id: materials.id });
  return rows.length > 0;
}

/** Still the current revision? (The author may have replaced the file meanwhile.) */
async function isCurrent(materialId: string, revision: number) {
  const row = await db.query.materials.findFirst({ where: eq(materials.id, materialId), columns: { revision: true } });
  return row?.revision === revision;
}

/** Distinct lower-case words of 3 to 40 letters: the course dictionary used to correct typos. */
export function wordsOf(texts: string[]) {
  const out = new Set<string>();
  for (const t of texts) for (const w of t.toLowerCase().match(/\p{L}{3,40}/gu) ?? []) out.add(w);
  return out;
}

export type ExtractResult = { skipped?: string; status?: ExtractStatus; pages?: number; blocks?: number };

/**
 * Extracts the material's current file when it is `revision` and a PDF. Expected failures
 * (encrypted, damaged) mark the material failed with a reason; storage or database errors are
 * thrown for pg-boss to retry, and mark it failed on the last attempt.
 */
export async function processMaterial(materialId: string, revision: number, opts: { storage: Storage; isLastAttempt?: boolean; thumbnails?: boolean }): Promise<ExtractResult> {
  const row = await db.query.materials.findFirst({ where: eq(materials.id, materialId) });
  if (!row || row.revision !== revision || !row.key || row.status !== 'ready') return { skipped: 'not current' };
  if (!isPdfType(row.contentType)) {
    await setStatus(materialId, revision, 'none');
    return { skipped: 'not a pdf' };
  }
  // A retried attempt starts over: drop what an earlier attempt wrote.
  await db.delete(materialPages).where(eq(materialPages.materialId, materialId));
  await db.delete(materialBlocks).where(eq(materialBlocks.materialId, materialId));
  await setStatus(materialId, revision, 'processing', { pagesDone: 0, pageCount: null, blockCount: 0, extractError: null, extractHeartbeatAt: new Date() });
  // Proof of life for the watchdog (lib/materials/watchdog.ts), also while the file downloads or a
  // single heavy page renders, when no progress is written.
  const heartbeat = setInterval(() => {
    db.update(materials)
      .set({ extractHeartbeatAt: new Date() })
      .where(and(eq(materials.id, materialId), eq(materials.revision, revision), eq(materials.extractStatus, 'processing')))
      .catch(() => {});
  }, HEARTBEAT_MS);

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lectern-mat-'));
  const file = path.join(dir, 'source.pdf');
  let doc: Awaited<ReturnType<typeof openPdf>> | null = null;
  try {
    const obj = await opts.storage.getObject(row.key);
    await pipeline(obj.body, createWriteStream(file));
    try {
      doc = await openPdf(file, { thumbnailWidth: opts.thumbnails === false ? undefined : THUMB_WIDTH });
    } catch (e) {
      if (e instanceof PdfExtractError) {
        await setStatus(materialId, revision, 'failed', { extractError: REASONS[e.reason] ?? e.message });
        log.info({ materialId, reason: e.reason }, 'material extraction failed');
        return { status: 'failed' };
      }
      throw e;
    }
    await setStatus(materialId, revision, 'processing', { pageCount: doc.pageCount });
    let batch: ExtractedPage[] = [];
    let pagesDone = 0;
    let blocks = 0;
    const flush = async () => {
      if (!batch.length) return true;
      if (!(await isCurrent(materialId, revision))) return false;
      const pages = batch;
      batch = [];
      await Promise.all(
        pages.filter((p) => p.thumbnail).map((p) => opts.storage.putObject(materialThumbKey(row.courseId, materialId, revision, p.number), p.thumbnail!, { contentType: 'image/webp' })),
      );
      await db.transaction(async (tx) => {
        await tx.insert(materialPages).values(pages.map((p) => ({ materialId, page: p.number, width: p.width, height: p.height, thumbnailKey: p.thumbnail ? materialThumbKey(row.courseId, materialId, revision, p.number) : null })));
        const rows = pages.flatMap((p) => p.blocks.map((b) => ({ materialId, courseId: row.courseId, lessonId: row.lessonId, page: p.number, seq: b.seq, ref: b.ref, text: b.text, x: b.x, y: b.y, w: b.w, h: b.h, nx: b.nx, ny: b.ny, nw: b.nw, nh: b.nh })));
        // Multi-row inserts of at most 1,000 rows (parameter limits).
        for (let i = 0; i < rows.length; i += 1000) await tx.insert(materialBlocks).values(rows.slice(i, i + 1000));
        const words = [...wordsOf(rows.map((r) => r.text))].map((word) => ({ courseId: row.courseId, word }));
        for (let i = 0; i < words.length; i += 1000) await tx.insert(materialWords).values(words.slice(i, i + 1000)).onConflictDoNothing();
        pagesDone += pages.length;
        blocks += rows.length;
        await tx.update(materials).set({ pagesDone, blockCount: blocks, updatedAt: new Date() }).where(and(eq(materials.id, materialId), eq(materials.revision, revision)));
      });
      return true;
    };
    try {
      for await (const page of doc.pages()) {
        batch.push(page);
        if (batch.length >= BATCH_PAGES && !(await flush())) return { skipped: 'replaced' };
      }
    } catch (e) {
      if (e instanceof PdfExtractError) {
        await setStatus(materialId, revision, 'failed', { extractError: REASONS[e.reason] ?? e.message });
        return { status: 'failed' };
      }
      throw e;
    }
    if (!(await flush())) return { skipped: 'replaced' };
    // Pages but not one word: a scan without a text layer (OCR is not done here).
    const status: ExtractStatus = blocks === 0 && doc.pageCount > 0 ? 'no_text' : 'done';
    await setStatus(materialId, revision, status, { extractedAt: new Date(), extractError: null });
    log.info({ materialId, revision, pages: pagesDone, blocks, status }, 'material extracted');
    return { status, pages: pagesDone, blocks };
  } catch (e) {
    if (opts.isLastAttempt) await setStatus(materialId, revision, 'failed', { extractError: 'Extraction kept failing; try “Extract again” later.' }).catch(() => {});
    throw e;
  } finally {
    clearInterval(heartbeat);
    await doc?.close().catch(() => {});
    await fs.rm(dir, { recursive: true, force: true });
  }
}

