import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse, createUser, enroll } from '@/db/factories';
import { courses, courseSlugHistory, lessons } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { getCourseLanding, listCatalog } from './queries';
import { catalogQuerySchema } from './schemas';

// Other test files share the database: every assertion looks only at courses carrying a word
// made up for this test, never at global counts.
const word = () => `zq${randomUUID().slice(0, 8)}`;
const q = (input: Record<string, string>) => listCatalog(catalogQuerySchema.parse(input));
const actorOf = (u: { id: string; email: string; name: string; role: SessionUser['role'] }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

async function course(ownerId: string, fields: Partial<typeof courses.$inferInsert> & { status?: 'draft' | 'published' | 'archived'; visibility?: 'public' | 'unlisted' | 'private' } = {}) {
  const { status = 'published', visibility = 'public', ...rest } = fields;
  const c = await createCourse(db, { ownerId, status, visibility, modules: 2, lessonsPerModule: 2 });
  if (Object.keys(rest).length) await db.update(courses).set(rest).where(eq(courses.id, c.id));
  return c;
}

describe('listCatalog', () => {
  it('lists only published + public courses', async () => {
    const owner = await createUser(db, { role: 'author' });
    const w = word();
    const listed = await course(owner.id, { title: `Listed ${w}` });
    await course(owner.id, { title: `Unlisted ${w}`, visibility: 'unlisted' });
    await course(owner.id, { title: `Private ${w}`, visibility: 'private' });
    await course(owner.id, { title: `Draft ${w}`, status: 'draft' });
    await course(owner.id, { title: `Archived ${w}`, status: 'archived' });
    const r = await q({ q: w });
    expect(r.items.map((c) => c.slug)).toEqual([listed.slug]);
    expect(r.total).toBe(1);
    expect(r.items[0]).toMatchObject({ lessonCount: 4, title: `Listed ${w}` });
  });

  it('searches title, short description and tags, case-insensitively, with wildcards taken literally', async () => {
    const owner = await createUser(db, { role: 'author' });
    const w = word();
    const byTitle = await course(owner.id, { title: `Learning ${w.toUpperCase()} fast` });
    const byDesc = await course(owner.id, { title: 'Something else', shortDescription: `All about ${w} basics` });
    const byTag = await course(owner.id, { title: 'Tagged', tags: ['misc', `${w}-tag`] });
    const r = await q({ q: w });
    expect(r.items.map((c) => c.slug).sort()).toEqual([byTitle.slug, byDesc.slug, byTag.slug].sort());
    // "_" and "%" are not wildcards: "<w>_" must not match "<w>a".
    await course(owner.id, { title: `${w}a literal` });
    const lit = await course(owner.id, { title: `${w}_ literal` });
    expect((await q({ q: `${w}_` })).items.map((c) => c.slug)).toEqual([lit.slug]);
    expect((await q({ q: `${w}%` })).items).toEqual([]);
  });

  it('filters by language, level and tag', async () => {
    const owner = await createUser(db, { role: 'author' });
    const w = word();
    const ruBeginner = await course(owner.id, { title: `A ${w}`, language: 'ru', level: 'beginner', tags: ['python'] });
    const enAdvanced = await course(owner.id, { title: `B ${w}`, language: 'en', level: 'advanced', tags: ['python', 'data'] });
    const slugs = async (input: Record<string, string>) => (await q({ q: w, ...input })).items.map((c) => c.slug).sort();
    expect(await slugs({ language: 'ru' })).toEqual([ruBeginner.slug]);
    expect(await slugs({ level: 'advanced' })).toEqual([enAdvanced.slug]);
    expect(await slugs({ tag: 'Data' })).toEqual([enAdvanced.slug]);
    expect(await slugs({ tag: 'python' })).toEqual([ruBeginner.slug, enAdvanced.slug].sort());
    expect(await slugs({ tag: 'python', level: 'beginner', language: 'ru' })).toEqual([ruBeginner.slug]);
    // Junk filter values mean "no filter", not an error.
    expect(await slugs({ level: 'godlike', language: '<script>' })).toHaveLength(2);
  });

  it('pages by 24, newest published first', async () => {
    const owner = await createUser(db, { role: 'author' });
    const w = word();
    const made: string[] = [];
    for (let i = 0; i < 25; i++) {
      const c = await course(owner.id, { title: `P${i} ${w}`, publishedAt: new Date(Date.UTC(2024, 0, 1 + i)) });
      made.push(c.slug);
    }
    const p1 = await q({ q: w });
    const p2 = await q({ q: w, page: '2' });
    expect(p1.total).toBe(25);
    expect(p1.items).toHaveLength(24);
    expect(p1.items[0]!.slug).toBe(made[24]);
    expect(p2.items.map((c) => c.slug)).toEqual([made[0]]);
  });
});

describe('getCourseLanding', () => {
  it('shows published lessons only, with authors, counts and durations', async () => {
    const owner = await createUser(db, { role: 'author', name: 'Olga Owner' });
    const editor = await createUser(db, { role: 'author', name: 'Eddie Editor' });
    const c = await course(owner.id, { description: 'Long text' });
    await addCourseMember(db, c.id, editor.id, 'editor');
    const [m1] = c.modules;
    await db.update(lessons).set({ durationSeconds: 600, isFreePreview: true }).where(eq(lessons.id, m1!.lessonIds[0]!));
    await db.update(lessons).set({ status: 'draft' }).where(eq(lessons.id, m1!.lessonIds[1]!));
    // A module whose lessons are all drafts is left out.
    for (const id of c.modules[1]!.lessonIds) await db.update(lessons).set({ status: 'draft' }).where(eq(lessons.id, id));
    const r = await getCourseLanding(c.slug, null);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.course.authors).toEqual(['Olga Owner', 'Eddie Editor']);
    expect(r.course.modules).toHaveLength(1);
    expect(r.course.modules[0]!.lessons).toEqual([expect.objectContaining({ id: m1!.lessonIds[0], isFreePreview: true, durationSeconds: 600, type: 'text' })]);
    expect(r.course).toMatchObject({ lessonCount: 1, totalDurationSeconds: 600, description: 'Long text' });
    expect(r.viewer).toMatchObject({ signedIn: false, canSelfEnroll: true, enrollment: null, isStaff: false });
  });

  it('an old slug answers with the current one', async () => {
    const owner = await createUser(db, { role: 'author' });
    const c = await course(owner.id);
    const old = `old-${randomUUID().slice(0, 8)}`;
    await db.insert(courseSlugHistory).values({ slug: old, courseId: c.id });
    expect(await getCourseLanding(old, null)).toEqual({ kind: 'redirect', slug: c.slug });
    expect(await getCourseLanding(`missing-${randomUUID()}`, null)).toEqual({ kind: 'notFound' });
  });

  it('unlisted courses open by link; private ones to enrolled students, staff, admins and invite holders', async () => {
    const owner = actorOf(await createUser(db, { role: 'author' }));
    const student = actorOf(await createUser(db));
    const enrolled = actorOf(await createUser(db));
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    const unlisted = await course(owner.id, { visibility: 'unlisted' });
    expect((await getCourseLanding(unlisted.slug, null)).kind).toBe('ok');

    const token = `tok${randomUUID().replace(/-/g, '')}`;
    const priv = await course(owner.id, { visibility: 'private', inviteToken: token });
    await enroll(db, priv.id, enrolled.id);
    expect((await getCourseLanding(priv.slug, null)).kind).toBe('notFound');
    expect((await getCourseLanding(priv.slug, student)).kind).toBe('notFound');
    expect((await getCourseLanding(priv.slug, enrolled)).kind).toBe('ok');
    expect((await getCourseLanding(priv.slug, owner)).kind).toBe('ok');
    expect((await getCourseLanding(priv.slug, admin)).kind).toBe('ok');
    const withToken = await getCourseLanding(priv.slug, student, token);
    expect(withToken).toMatchObject({ kind: 'ok', viewer: { hasValidInvite: true, canSelfEnroll: false } });
    expect(await getCourseLanding(priv.slug, student, `${token}x`)).toEqual({ kind: 'inviteInvalid' });
    // A wrong token on a course anyone may see: the page opens and says the link is bad.
    expect(await getCourseLanding(unlisted.slug, student, 'nope-nope-nope-nope-1')).toMatchObject({ kind: 'ok', viewer: { inviteInvalid: true, hasValidInvite: false } });
  });

  it('drafts and archived courses are only for members and admins', async () => {
    const owner = actorOf(await createUser(db, { role: 'author' }));
    const otherAuthor = actorOf(await createUser(db, { role: 'author' }));
    const student = actorOf(await createUser(db));
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    for (const status of ['draft', 'archived'] as const) {
      const c = await course(owner.id, { status });
      await enroll(db, c.id, student.id);
      expect((await getCourseLanding(c.slug, null)).kind).toBe('notFound');
      expect((await getCourseLanding(c.slug, student)).kind).toBe('notFound');
      expect((await getCourseLanding(c.slug, otherAuthor)).kind).toBe('notFound');
      expect(await getCourseLanding(c.slug, owner)).toMatchObject({ kind: 'ok', viewer: { isStaff: true, canSelfEnroll: false } });
      expect((await getCourseLanding(c.slug, admin)).kind).toBe('ok');
    }
  });
});
