import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse, createUser } from '@/db/factories';
import { auditEvents, courseMembers, courseModules, courses, courseSlugHistory, lessons } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { exportCourse, type ExportedCourseFile } from './export';
import { importCourse } from './import';

const actorOf = (u: { id: string; email: string; name: string; role: SessionUser['role'] }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
const author = async () => actorOf(await createUser(db, { role: 'author' }));
const tag = () => randomUUID().slice(0, 8);

/** An export without what an import may change (export time, slug). */
const normalized = (f: ExportedCourseFile) => {
  const { exportedAt: _e, course, ...rest } = f;
  const { slug: _s, ...info } = course;
  return { ...rest, course: info };
};

async function importOrThrow(actor: SessionUser, text: string) {
  const r = await importCourse(actor, text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r;
}

/** A published course that uses every exported field, in a non-trivial layout. */
async function richCourse(ownerId: string) {
  const c = await createCourse(db, { ownerId, title: `Rich ${tag()}`, status: 'published', modules: 2, lessonsPerModule: 3 });
  await db
    .update(courses)
    .set({ shortDescription: 'Short — кратко', description: 'Long\n\n**markdown** <not html>', coverImageUrl: 'https://img.example/cover.png', language: 'ru', level: 'advanced', tags: ['python', 'data science'], visibility: 'unlisted' })
    .where(eq(courses.id, c.id));
  await db.update(courseModules).set({ title: 'Введение' }).where(eq(courseModules.id, c.modules[0]!.id));
  const [a, b, d] = c.modules[0]!.lessonIds;
  const [e, f] = c.modules[1]!.lessonIds;
  await db
    .update(lessons)
    .set({ type: 'video', status: 'draft', isFreePreview: true, description: 'Watch this', durationSeconds: 754, completionRule: { kind: 'video_coverage', percent: 90 } })
    .where(eq(lessons.id, a!));
  await db
    .update(lessons)
    .set({ contentHtml: '<h2>Hello</h2><p>A <a href="https://example.com" rel="noopener">link</a> &amp; <strong>bold</strong></p><pre><code class="language-py">print(1 &lt; 2)</code></pre>', dripDays: 7 })
    .where(eq(lessons.id, b!));
  await db.update(lessons).set({ type: 'quiz', completionRule: { kind: 'quiz_passed' }, dripDate: new Date('2026-03-01T10:00:00.000Z') }).where(eq(lessons.id, d!));
  await db.update(lessons).set({ type: 'homework', completionRule: { kind: 'homework_accepted' } }).where(eq(lessons.id, e!));
  await db.update(lessons).set({ type: 'pdf', title: 'Slides 📎' }).where(eq(lessons.id, f!));
  return c;
}

describe('export → import round trip', () => {
  it('is lossless for structure and texts; the copy is a draft owned by the importer with dense positions', async () => {
    const owner = await author();
    const src = await richCourse(owner.id);
    const exported = await exportCourse(owner, src.id);
    expect(exported.modules.map((m) => m.lessons.map((l) => l.title))).toEqual([
      ['Lesson 1.1', 'Lesson 1.2', 'Lesson 1.3'],
      ['Lesson 2.1', 'Slides 📎', 'Lesson 2.3'],
    ]);

    const importer = await author();
    const r = await importOrThrow(importer, JSON.stringify(exported, null, 2));
    const again = await exportCourse(importer, r.courseId);
    expect(normalized(again)).toEqual(normalized(exported));
    // Byte for byte too, apart from the two fields an import may change.
    expect(JSON.stringify(normalized(again))).toBe(JSON.stringify(normalized(exported)));

    const copy = await db.query.courses.findFirst({ where: eq(courses.id, r.courseId) });
    expect(copy).toMatchObject({ status: 'draft', publishedAt: null, createdById: importer.id, slug: r.slug });
    expect(await db.select({ userId: courseMembers.userId, role: courseMembers.role }).from(courseMembers).where(eq(courseMembers.courseId, r.courseId))).toEqual([{ userId: importer.id, role: 'owner' }]);
    const mods = await db.select().from(courseModules).where(eq(courseModules.courseId, r.courseId)).orderBy(asc(courseModules.position));
    expect(mods.map((m) => m.position)).toEqual([0, 1]);
    for (const m of mods) {
      const ls = await db.select({ position: lessons.position }).from(lessons).where(eq(lessons.moduleId, m.id)).orderBy(asc(lessons.position));
      expect(ls.map((l) => l.position)).toEqual([0, 1, 2]);
    }
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, r.courseId), eq(auditEvents.action, 'course.imported')));
    expect(audit).toMatchObject({ actorId: importer.id, targetType: 'course', data: { modules: 2, lessons: 6, requestedSlug: src.slug } });
  });

  it('writes keys in the documented order', async () => {
    const owner = await author();
    const src = await createCourse(db, { ownerId: owner.id, modules: 1, lessonsPerModule: 1 });
    const f = await exportCourse(owner, src.id);
    expect(Object.keys(f)).toEqual(['format', 'version', 'exportedAt', 'course', 'modules']);
    expect(Object.keys(f.course)).toEqual(['title', 'slug', 'shortDescription', 'description', 'coverImageUrl', 'language', 'level', 'tags', 'visibility']);
    expect(Object.keys(f.modules[0]!.lessons[0]!)).toEqual(['title', 'type', 'status', 'isFreePreview', 'description', 'contentHtml', 'durationSeconds', 'completionRule', 'dripDays', 'dripDate', 'media']);
  });
});

describe('import refuses bad files', () => {
  it('writes nothing when any part of the file is wrong', async () => {
    const actor = await author();
    const title = `Broken ${tag()}`;
    const countRows = async () => (await db.select({ n: count() }).from(courses).where(eq(courses.title, title)))[0]!.n;
    const before = await countRows();
    const modules = [
      { title: 'Fine', lessons: [{ title: 'Fine', type: 'text' }] },
      { title: 'Bad', lessons: [{ title: 'Bad', type: 'hologram' }] },
    ];
    const r = await importCourse(actor, JSON.stringify({ format: 'lectern.course', version: 1, course: { title }, modules }));
    expect(r).toEqual({ ok: false, problems: [expect.objectContaining({ path: '$.modules[1].lessons[0].type', code: 'unknownLessonType' })] });
    expect(await countRows()).toBe(before);
    expect(await db.select({ n: count() }).from(courseModules).where(eq(courseModules.title, title))).toEqual([{ n: 0 }]);
  });

  it('is for authors and admins only', async () => {
    const student = actorOf(await createUser(db, { role: 'student' }));
    await expect(importCourse(student, '{}')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('slugs', () => {
  const fileWithSlug = (slug: string | undefined, title = 'Slug test') => JSON.stringify({ format: 'lectern.course', version: 1, course: { title, slug }, modules: [] });

  it('keeps a free slug and gives a taken one the first free -2, -3… suffix', async () => {
    const actor = await author();
    const slug = `transfer-${tag()}`;
    expect((await importOrThrow(actor, fileWithSlug(slug))).slug).toBe(slug);
    expect((await importOrThrow(actor, fileWithSlug(slug))).slug).toBe(`${slug}-2`);
    expect((await importOrThrow(actor, fileWithSlug(slug))).slug).toBe(`${slug}-3`);
  });

  it('treats another course’s old slug as taken', async () => {
    const actor = await author();
    const other = await createCourse(db, { ownerId: actor.id });
    const old = `old-${tag()}`;
    await db.insert(courseSlugHistory).values({ slug: old, courseId: other.id });
    expect((await importOrThrow(actor, fileWithSlug(old))).slug).toBe(`${old}-2`);
  });

  it('derives a slug from the title when the file has none', async () => {
    const actor = await author();
    const t = tag();
    expect((await importOrThrow(actor, fileWithSlug(undefined, `Основы Python ${t}`))).slug).toBe(`osnovy-python-${t}`);
  });
});

describe('export permissions', () => {
  it('owners, editors and admins may export; students and other courses’ authors get FORBIDDEN', async () => {
    const owner = await author();
    const src = await createCourse(db, { ownerId: owner.id, modules: 1, lessonsPerModule: 1 });
    const editor = await author();
    await addCourseMember(db, src.id, editor.id, 'editor');
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    for (const a of [owner, editor, admin]) expect((await exportCourse(a, src.id)).course.slug).toBe(src.slug);

    const student = actorOf(await createUser(db, { role: 'student' }));
    const stranger = await author();
    await createCourse(db, { ownerId: stranger.id });
    await expect(exportCourse(student, src.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportCourse(stranger, src.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a missing course is NOT_FOUND for an admin', async () => {
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    await expect(exportCourse(admin, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('lesson HTML', () => {
  it('is sanitized on import', async () => {
    const actor = await author();
    const html = '<p onclick="steal()">Hi</p><script>alert(document.cookie)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a><iframe src="https://evil.example"></iframe>';
    const r = await importOrThrow(actor, JSON.stringify({ format: 'lectern.course', version: 1, course: { title: `XSS ${tag()}` }, modules: [{ title: 'M', lessons: [{ title: 'L', type: 'text', contentHtml: html }] }] }));
    const [row] = await db.select({ contentHtml: lessons.contentHtml }).from(lessons).where(eq(lessons.courseId, r.courseId));
    expect(row!.contentHtml).toBe('<p>Hi</p><a>x</a>');
  });
});
