import { afterAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { createCourse, enroll } from '@/db/factories';
import { courses, lessonProgress, lessons, materialBlocks, materialPages, materials, notifications } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { makeActor } from '@/lib/courses/test-utils';
import { codeOf } from '@/test/error-code';
import { reviewHomework } from '@/lib/homework/mutations';
import { getHomeworkThread } from '@/lib/homework/queries';
import { getBoss } from '@/lib/jobs/client';
import { createBoss, QUEUES } from '@/lib/jobs/queues';
import { getStorage } from '@/lib/storage';
import { runStorageCleanup } from '@/lib/videos/maintenance';
import { clearSearchHistory, getMaterialFileUrl, recordSearch } from './mutations';
import { processMaterial } from './process';
import { listMaterialsForLesson, listRecentSearches } from './queries';
import { searchMaterialsSchema } from './schemas';
import { searchCourse } from './search';
import { sendSnapshot } from './snapshots';
import { runMaterialWatchdog } from './watchdog';
import { makeCorruptPdf, makeEncryptedPdf, makeLongPdf, makePdf, makeScannedPdf } from './testing';
import { completeMaterialUpload, createMaterialUpload, listMaterialUploadParts, signMaterialPart } from './uploads';

afterAll(async () => (await getBoss()).stop({ graceful: false, wait: true }));

/** Uploads through the real protocol: create → signed part PUTs → complete. */
async function upload(actor: SessionUser, courseId: string, lessonId: string | undefined, bytes: Uint8Array, filename: string, materialId?: string) {
  const up = await createMaterialUpload(actor, { courseId, lessonId, materialId, filename, type: 'application/pdf', size: bytes.length });
  for (let n = 1; n <= up.partCount; n++) {
    const { url } = await signMaterialPart(actor, up.materialId, { uploadId: up.uploadId, partNumber: n });
    const res = await fetch(url, { method: 'PUT', body: new Blob([bytes.slice((n - 1) * up.partSize, n * up.partSize) as Uint8Array<ArrayBuffer>]) });
    expect(res.ok).toBe(true);
  }
  return completeMaterialUpload(actor, up.materialId, { uploadId: up.uploadId });
}

async function uploadAndExtract(actor: SessionUser, courseId: string, lessonId: string | undefined, bytes: Uint8Array, filename = 'notes.pdf') {
  const m = await upload(actor, courseId, lessonId, bytes, filename);
  const r = await processMaterial(m.id, m.revision, { storage: getStorage() });
  return { material: (await db.query.materials.findFirst({ where: eq(materials.id, m.id) }))!, result: r };
}

/** A published sequential course: lesson 1 (open), lesson 2 (open after 1 is done, so locked), lesson 3. */
async function setup() {
  const teacher = await makeActor('author');
  const student = await makeActor('student');
  const outsider = await makeActor('student');
  const course = await createCourse(db, { ownerId: teacher.id, status: 'published', modules: 1, lessonsPerModule: 3 });
  await db.update(courses).set({ isSequential: true }).where(eq(courses.id, course.id));
  const [open, locked, third] = course.modules[0]!.lessonIds as [string, string, string];
  await enroll(db, course.id, student.id);
  return { teacher, student, outsider, course, open, locked, third };
}

const PAGE_TEXT = [
  { text: 'Running students read books about algorithms', x: 72, y: 700, size: 12 },
  { text: 'Книга о программировании и алгоритмах', x: 200, y: 400, size: 16 },
];

describe('material uploads', () => {
  it('stores a PDF through multipart parts, sniffs it and refuses a renamed non-PDF', async () => {
    const { teacher, course, open, student } = await setup();
    const pdf = await makePdf([{ texts: PAGE_TEXT }]);
    const m = await upload(teacher, course.id, open, pdf, 'Lecture_1.pdf');
    expect(m).toMatchObject({ status: 'ready', contentType: 'application/pdf', revision: 1, extractStatus: 'queued', title: 'Lecture 1' });
    expect((await getStorage().headObject(m.key!)).size).toBe(pdf.length);
    expect(await codeOf(upload(teacher, course.id, open, new TextEncoder().encode('just some text, not a pdf at all'), 'fake.pdf'))).toBe('VALIDATION');
    expect(await codeOf(upload(student, course.id, open, pdf, 'x.pdf'))).toBe('FORBIDDEN');
    expect(await codeOf(createMaterialUpload(teacher, { courseId: course.id, lessonId: open, filename: 'big.pdf', type: '', size: 500 * 1024 * 1024 }))).toBe('VALIDATION');
    expect(await codeOf(createMaterialUpload(teacher, { courseId: course.id, lessonId: open, filename: 'run.exe', type: '', size: 10 }))).toBe('VALIDATION');
    // Only the one accepted material remains.
    expect((await db.select().from(materials).where(eq(materials.courseId, course.id))).length).toBe(1);
  });

  it('hands signed URLs only to viewers who may open the lesson', async () => {
    const { teacher, student, outsider, course, open, locked } = await setup();
    const pdf = await makePdf([{ texts: PAGE_TEXT }]);
    const a = await upload(teacher, course.id, open, pdf, 'a.pdf');
    const b = await upload(teacher, course.id, locked, pdf, 'b.pdf');
    const url = await getMaterialFileUrl(student, a.id, { download: true });
    const res = await fetch(url);
    expect(res.ok).toBe(true);
    expect(new Uint8Array(await res.arrayBuffer()).length).toBe(pdf.length);
    expect(await codeOf(getMaterialFileUrl(student, b.id))).toBe('NOT_FOUND');
    expect(await codeOf(getMaterialFileUrl(outsider, a.id))).toBe('NOT_FOUND');
    expect(await codeOf(getMaterialFileUrl(null, a.id))).toBe('NOT_FOUND');
    expect(await codeOf(getMaterialFileUrl(teacher, b.id))).toBe('ok');
    expect((await listMaterialsForLesson(student, course.id, open)).lesson.map((m) => m.id)).toEqual([a.id]);
    expect((await listMaterialsForLesson(student, course.id, locked)).lesson).toEqual([]);
  });
});

describe('extraction', () => {
  it('extracts blocks with their positions (pixels at 72 dpi and 0–1), pages and thumbnails', async () => {
    const { teacher, course, open } = await setup();
    const pdf = await makePdf([
      { texts: [...PAGE_TEXT, { text: 'and a second line of the same paragraph', x: 72, y: 686, size: 12 }] },
      { width: 400, height: 600, texts: [{ text: 'Page two heading', x: 100, y: 500, size: 24 }] },
    ]);
    const { material, result } = await uploadAndExtract(teacher, course.id, open, pdf);
    expect(result).toMatchObject({ status: 'done', pages: 2, blocks: 3 });
    expect(material).toMatchObject({ extractStatus: 'done', pageCount: 2, pagesDone: 2, blockCount: 3 });
    const pages = await db.select().from(materialPages).where(eq(materialPages.materialId, material.id)).orderBy(materialPages.page);
    expect(pages.map((p) => [p.page, p.width, p.height])).toEqual([
      [1, 612, 792],
      [2, 400, 600],
    ]);
    for (const p of pages) expect((await getStorage().headObject(p.thumbnailKey!)).size).toBeGreaterThan(100);
    const blocks = await db.select().from(materialBlocks).where(eq(materialBlocks.materialId, material.id)).orderBy(materialBlocks.page, materialBlocks.seq);
    const [para, ru, heading] = blocks as [typeof blocks[number], typeof blocks[number], typeof blocks[number]];
    expect(para.text).toBe('Running students read books about algorithms and a second line of the same paragraph');
    expect(para.ref).toBe('p1-b0');
    // Baseline 700 pt from the bottom, 12 pt text: its top is ~792 − 700 − ascent ≈ 81 px from the top.
    expect(para.x).toBeCloseTo(72, 0);
    expect(Math.abs(para.y - (792 - 700 - 12 * 0.95))).toBeLessThan(4);
    expect(Math.abs(para.y + para.h - (792 - 686 + 12 * 0.25))).toBeLessThan(4);
    expect(para.nx).toBeCloseTo(72 / 612, 3);
    expect(Math.abs(para.ny - para.y / 792)).toBeLessThan(0.001);
    expect(ru).toMatchObject({ ref: 'p1-b1', text: 'Книга о программировании и алгоритмах' });
    expect(ru.x).toBeCloseTo(200, 0);
    expect(Math.abs(ru.y - (792 - 400 - 16 * 0.95))).toBeLessThan(5);
    expect(heading).toMatchObject({ page: 2, ref: 'p2-b0' });
    expect(heading.nx).toBeCloseTo(100 / 400, 3);
    expect(Math.abs(heading.ny - (600 - 500 - 24 * 0.95) / 600)).toBeLessThan(0.01);
  });

  it('marks encrypted and damaged PDFs failed with a reason, and scans as having no text layer', async () => {
    const { teacher, course, open } = await setup();
    const enc = await uploadAndExtract(teacher, course.id, open, makeEncryptedPdf(), 'locked.pdf');
    expect(enc.material).toMatchObject({ extractStatus: 'failed' });
    expect(enc.material.extractError).toMatch(/password/i);
    const bad = await uploadAndExtract(teacher, course.id, open, makeCorruptPdf(), 'broken.pdf');
    expect(bad.material).toMatchObject({ extractStatus: 'failed' });
    expect(bad.material.extractError).toMatch(/damaged/i);
    const scan = await uploadAndExtract(teacher, course.id, open, await makeScannedPdf(3), 'scan.pdf');
    expect(scan.material).toMatchObject({ extractStatus: 'no_text', pageCount: 3, blockCount: 0 });
  });

  it('extracts again when the file is replaced, and an old revision job does nothing', async () => {
    const { teacher, course, open } = await setup();
    const { material } = await uploadAndExtract(teacher, course.id, open, await makePdf([{ texts: [{ text: 'first version text', x: 72, y: 700 }] }]));
    const oldKey = material.key!;
    const replaced = await upload(teacher, course.id, open, await makePdf([{ texts: [{ text: 'second version words', x: 72, y: 700 }] }]), 'v2.pdf', material.id);
    expect(replaced).toMatchObject({ id: material.id, revision: 2, extractStatus: 'queued', filename: 'v2.pdf' });
    expect(await getStorage().exists(oldKey)).toBe(false);
    expect(await processMaterial(material.id, 1, { storage: getStorage() })).toEqual({ skipped: 'not current' });
    await processMaterial(material.id, 2, { storage: getStorage(), thumbnails: false });
    const texts = (await db.select().from(materialBlocks).where(eq(materialBlocks.materialId, material.id))).map((b) => b.text);
    expect(texts).toEqual(['second version words']);
  });
});

describe('a 2,000-page PDF', () => {
  it('is extracted page by page with visible progress and bounded memory', { timeout: 300_000 }, async () => {
    const { teacher, course, open } = await setup();
    const m = await upload(teacher, course.id, open, await makeLongPdf(2000, 5), 'long.pdf');
    const seen = new Set<number>();
    let peak = 0;
    const before = process.memoryUsage().rss;
    const poll = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss - before);
      void db.query.materials.findFirst({ where: eq(materials.id, m.id), columns: { pagesDone: true } }).then((r) => r && seen.add(r.pagesDone));
    }, 200);
    try {
      expect(await processMaterial(m.id, m.revision, { storage: getStorage(), thumbnails: false })).toMatchObject({ status: 'done', pages: 2000, blocks: 12000 });
    } finally {
      clearInterval(poll);
    }
    // Progress was written in batches while it ran, not only at the end.
    expect([...seen].filter((n) => n > 0 && n < 2000).length).toBeGreaterThan(3);
    // The whole file is never parsed into memory at once (the PDF itself is ~1 MB; pages are cleaned up).
    expect(peak).toBeLessThan(400 * 1024 * 1024);
    expect(await db.$count(materialBlocks, eq(materialBlocks.materialId, m.id))).toBe(12000);
  });
});

describe('storage clean-up', () => {
  it('deletes objects of a deleted lesson’s materials and keeps the current revision', async () => {
    const { teacher, course, open, locked } = await setup();
    const kept = await uploadAndExtract(teacher, course.id, open, await makePdf([{ texts: PAGE_TEXT }]));
    const gone = await uploadAndExtract(teacher, course.id, locked, await makePdf([{ texts: PAGE_TEXT }]));
    const thumbs = (await db.select().from(materialPages).where(eq(materialPages.materialId, gone.material.id))).map((p) => p.thumbnailKey!);
    await db.delete(lessons).where(eq(lessons.id, locked));
    const r = await runStorageCleanup(getStorage(), { staleHours: 72, graceMinutes: 0, courseId: course.id });
    expect(r.deletedObjects).toBe(1 + thumbs.length);
    expect(await getStorage().exists(gone.material.key!)).toBe(false);
    expect(await getStorage().exists(kept.material.key!)).toBe(true);
  });
});

describe('search', () => {
  async function searchable() {
    const s = await setup();
    await db.update(lessons).set({ contentHtml: '<p>Photosynthesis turns <b>light</b> into sugar.</p>' }).where(eq(lessons.id, s.open));
    await uploadAndExtract(
      s.teacher,
      s.course.id,
      s.open,
      await makePdf([
        { texts: [{ text: 'We run every morning before class', x: 72, y: 700 }, { text: 'Эта книга стоит на полке', x: 72, y: 500 }] },
        { texts: [{ text: 'Algorithms, algorithms and more algorithms', x: 72, y: 700 }, { text: 'An introduction to programming in Python', x: 72, y: 500 }] },
        { texts: [{ text: 'A long paragraph that mentions algorithms only once among many other ordinary words here', x: 72, y: 700 }] },
      ]),
      'book.pdf',
    );
    await uploadAndExtract(s.teacher, s.course.id, s.locked, await makePdf([{ texts: [{ text: 'Secret algorithms of the locked lesson', x: 72, y: 700 }] }]), 'locked.pdf');
    return s;
  }

  it('stems English and Russian, ranks, highlights safely, finds typos and lesson texts', async () => {
    const { student, course } = await searchable();
    const en = await searchCourse(student, course.id, 'running');
    expect(en.hits[0]).toMatchObject({ kind: 'block', page: 1 });
    expect(en.hits[0]!.parts.filter((_, i) => i % 2 === 1)).toEqual(['run']);
    const ru = await searchCourse(student, course.id, 'книги');
    expect(ru.hits).toHaveLength(1);
    expect(ru.hits[0]!.parts.filter((_, i) => i % 2 === 1)).toEqual(['книга']);
    expect(ru.hits[0]!.href).toMatch(/^\/materials\/[0-9a-f-]+\?page=1&block=p1-b1$/);
    // Three mentions in a short block outrank one in a long block; the locked lesson's document never shows.
    const ranked = await searchCourse(student, course.id, 'algorithm');
    expect(ranked.hits.map((h) => h.page)).toEqual([2, 3]);
    const typo = await searchCourse(student, course.id, 'progrmming');
    expect(typo.corrected).toBe('programming');
    expect(typo.hits[0]).toMatchObject({ fuzzy: true, page: 2 });
    expect(typo.hits[0]!.parts.filter((_, i) => i % 2 === 1)).toEqual(['programming']);
    const ruTypo = await searchCourse(student, course.id, 'полкэ');
    expect(ruTypo.corrected).toBe('полке');
    const lesson = await searchCourse(student, course.id, 'photosynthesis');
    expect(lesson.hits[0]).toMatchObject({ kind: 'lesson' });
    expect(lesson.hits[0]!.parts.join('')).not.toContain('<b>');
  });

  it('treats operators and huge queries as plain text, bounded', async () => {
    const { student, course } = await searchable();
    const nasty = searchMaterialsSchema.parse({ q: `'); drop table materials; -- !!! & | <-> :* "run" ` + 'книги '.repeat(2000) });
    expect(nasty.q.length).toBeLessThanOrEqual(200);
    await expect(searchCourse(student, course.id, nasty.q)).resolves.toBeDefined();
    await expect(searchCourse(student, course.id, '!!! & | ( ) :* <->')).resolves.toMatchObject({ hits: [] });
  });

  it('scopes results: nothing for a student who is not enrolled, the locked lesson for staff only', async () => {
    const { teacher, outsider, student, course, locked, open } = await searchable();
    expect((await searchCourse(outsider, course.id, 'algorithms')).hits).toEqual([]);
    expect((await searchCourse(outsider, course.id, 'progrmming')).hits).toEqual([]);
    expect((await searchCourse(student, course.id, 'secret')).hits).toEqual([]);
    // A typo of a word found only in the locked document: no results and no correction shown.
    expect(await searchCourse(student, course.id, 'secrt')).toMatchObject({ hits: [], corrected: null });
    expect((await searchCourse(student, course.id, 'algorithms', { lessonId: locked })).hits).toEqual([]);
    expect((await searchCourse(teacher, course.id, 'secret')).hits).toHaveLength(1);
    // Completing the first lesson opens the second: its document becomes searchable.
    await db.insert(lessonProgress).values({ userId: student.id, lessonId: open, courseId: course.id, status: 'completed', completedAt: new Date() });
    expect((await searchCourse(student, course.id, 'secret')).hits).toHaveLength(1);
  });

  it('keeps a clearable history of recent searches per course', async () => {
    const { student, course } = await setup();
    for (const q of ['one', 'two', 'one']) await recordSearch(student, course.id, q);
    expect(await listRecentSearches(student, course.id)).toEqual(['one', 'two']);
    for (let i = 0; i < 15; i++) await recordSearch(student, course.id, `q${i}`);
    expect(await listRecentSearches(student, course.id)).toHaveLength(10);
    expect(await clearSearchHistory(student, course.id)).toEqual({ cleared: 10 });
    expect(await listRecentSearches(student, course.id)).toEqual([]);
  });
});

describe('region snapshots', () => {
  const png = () => {
    const b = new Uint8Array(64);
    b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(b.buffer).setUint32(16, 120);
    new DataView(b.buffer).setUint32(20, 80);
    return b;
  };
  const region = { page: 1, nx: 0.1, ny: 0.1, nw: 0.3, nh: 0.2, note: 'What does **this** mean?' };

  it('sends a snapshot into a question thread the teacher sees, with a link back to the spot', async () => {
    const { teacher, student, course, open } = await setup();
    const { material } = await uploadAndExtract(teacher, course.id, open, await makePdf([{ texts: PAGE_TEXT }]));
    const sent = await sendSnapshot(student, material.id, region, png());
    // The course's teacher is told, with a link to the thread; the student is not.
    const told = await db.select().from(notifications).where(eq(notifications.kind, 'materials.snapshot'));
    expect(told.filter((n) => n.userId === teacher.id).map((n) => n.data)).toEqual([
      { key: 'materialSnapshot', params: { student: student.name, page: 1, material: material.title, lesson: expect.any(String) }, href: `/inbox/${sent.submissionId}` },
    ]);
    expect(told.some((n) => n.userId === student.id)).toBe(false);
    const seen = await getHomeworkThread(teacher, sent.submissionId);
    expect(seen?.role).toBe('teacher');
    const msg = seen!.thread.messages.at(-1)!;
    expect(msg.bodyHtml).toContain('<strong>this</strong>');
    expect(msg.attachments[0]).toMatchObject({ isImage: true, width: 120, source: { page: 1, href: `/materials/${material.id}?page=1&rect=0.1000,0.1000,0.3000,0.2000` } });
    // A question thread on a text lesson takes replies, not grades.
    expect(await codeOf(reviewHomework(teacher, { submissionId: sent.submissionId, decision: 'accept', body: '', attachmentIds: [], grade: null }))).toBe('VALIDATION');
    expect(await codeOf(reviewHomework(teacher, { submissionId: sent.submissionId, decision: 'comment', body: 'It is a loop.', attachmentIds: [], grade: null }))).toBe('ok');
  });

  it('refuses a snapshot of a locked lesson’s document, and hides other courses’ documents', async () => {
    const { teacher, student, outsider, course, locked, open } = await setup();
    const { material } = await uploadAndExtract(teacher, course.id, locked, await makePdf([{ texts: PAGE_TEXT }]));
    expect(await codeOf(sendSnapshot(student, material.id, region, png()))).toBe('FORBIDDEN');
    expect(await codeOf(sendSnapshot(outsider, material.id, region, png()))).toBe('NOT_FOUND');
    const other = await uploadAndExtract(teacher, course.id, open, await makePdf([{ texts: PAGE_TEXT }]));
    expect(await codeOf(sendSnapshot(student, other.material.id, { ...region, nx: 0.9, nw: 0.5 }, png()))).toBe('VALIDATION');
    expect(await codeOf(sendSnapshot(student, other.material.id, region, new TextEncoder().encode('not an image at all')))).toBe('VALIDATION');
  });
});

describe('resumable uploads', () => {
  it('lists the parts the store already has, for the uploader to resume; only to the course editors', async () => {
    const { teacher, outsider, course, open } = await setup();
    const bytes = await makePdf([{ texts: PAGE_TEXT }]);
    const up = await createMaterialUpload(teacher, { courseId: course.id, lessonId: open, filename: 'resume.pdf', type: 'application/pdf', size: bytes.length });
    expect(await listMaterialUploadParts(teacher, up.materialId, { uploadId: up.uploadId })).toEqual([]);
    const { url } = await signMaterialPart(teacher, up.materialId, { uploadId: up.uploadId, partNumber: 1 });
    expect((await fetch(url, { method: 'PUT', body: new Blob([bytes as Uint8Array<ArrayBuffer>]) })).ok).toBe(true);
    expect(await listMaterialUploadParts(teacher, up.materialId, { uploadId: up.uploadId })).toEqual([{ PartNumber: 1, ETag: expect.any(String), Size: bytes.length }]);
    expect(await codeOf(listMaterialUploadParts(outsider, up.materialId, { uploadId: up.uploadId }))).toBe('FORBIDDEN');
    expect(await codeOf(listMaterialUploadParts(teacher, up.materialId, { uploadId: 'another' }))).toBe('CONFLICT');
  });
});

describe('extraction watchdog', () => {
  it('retries extraction whose worker went silent, leaves a live one alone, and fails one whose job is gone', async () => {
    const { teacher, course, open } = await setup();
    const m = await upload(teacher, course.id, open, await makePdf([{ texts: PAGE_TEXT }]), 'silent.pdf');
    const boss = createBoss(process.env.DATABASE_URL!, { worker: false });
    await boss.start();
    try {
      // A worker takes the job and starts extracting, then dies: no more heartbeats.
      const [job] = (await boss.fetch(QUEUES.materialExtract, { batchSize: 50 })).filter((j) => (j.data as { materialId: string }).materialId === m.id);
      expect(job).toBeDefined();
      const silentFor = (ms: number) => db.update(materials).set({ extractStatus: 'processing', extractHeartbeatAt: new Date(Date.now() - ms) }).where(eq(materials.id, m.id));
      await silentFor(5 * 60_000);
      const fail = (id: string, reason: string) => boss.fail(QUEUES.materialExtract, id, { message: reason });
      expect((await runMaterialWatchdog({ fail }, 60)).retried).toContain(m.id);
      const [state] = await db.execute<{ state: string }>(sql`select state from pgboss.job where id = ${job!.id}`);
      expect(state?.state).toBe('retry');

      // A heartbeat within the limit: left alone.
      await silentFor(1_000);
      const live = await runMaterialWatchdog({ fail }, 60);
      expect([...live.retried, ...live.lost]).not.toContain(m.id);

      // No job left at all: failed with a reason the author can act on.
      await db.execute(sql`delete from pgboss.job where name = ${QUEUES.materialExtract} and data->>'materialId' = ${m.id}`);
      await silentFor(5 * 60_000);
      expect((await runMaterialWatchdog({ fail }, 60)).lost).toContain(m.id);
      expect(await db.query.materials.findFirst({ where: eq(materials.id, m.id) })).toMatchObject({ extractStatus: 'failed', extractError: expect.stringContaining('Extract again') });
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
