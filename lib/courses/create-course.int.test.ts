import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { courseMembers, courses } from '@/db/schema';
import { createCourse, updateCourseSettings } from './mutations';
import { createCourseSchema } from './schemas';
import { auditFor, makeActor, uniqueWord } from './test-utils';

describe('createCourse', () => {
  it('creates a draft with the creator as owner, a slug from the title and an audit event', async () => {
    const author = await makeActor('author');
    const w = uniqueWord();
    const c = await createCourse(author, { title: `Intro to ${w}`, language: 'de' }, { requestId: 'req-1' });
    expect(c.slug).toBe(`intro-to-${w}`);
    const row = await db.query.courses.findFirst({ where: eq(courses.id, c.id) });
    expect(row).toMatchObject({ status: 'draft', language: 'de', createdById: author.id, publishedAt: null });
    expect(await db.select().from(courseMembers).where(eq(courseMembers.courseId, c.id))).toEqual([expect.objectContaining({ userId: author.id, role: 'owner' })]);
    expect((await auditFor(c.id)).map((a) => [a.action, a.requestId])).toEqual([['course.created', 'req-1']]);
  });

  it('transliterates Cyrillic titles and suffixes colliding slugs -2, -3', async () => {
    const author = await makeActor('author');
    const w = uniqueWord();
    const title = `Основы Python ${w}`;
    const slugs = [];
    for (let i = 0; i < 3; i++) slugs.push((await createCourse(author, { title, language: 'ru' }, {})).slug);
    expect(slugs).toEqual([`osnovy-python-${w}`, `osnovy-python-${w}-2`, `osnovy-python-${w}-3`]);
  });

  it('treats another course’s old slug as taken', async () => {
    const author = await makeActor('author');
    const w = uniqueWord();
    const first = await createCourse(author, { title: w, language: 'en' }, {});
    await updateCourseSettings(author, { courseId: first.id, slug: `${w}-renamed` }, {});
    const second = await createCourse(author, { title: w, language: 'en' }, {});
    expect(second.slug).toBe(`${w}-2`);
  });

  it('gives concurrent creations with one title distinct slugs', async () => {
    const author = await makeActor('author');
    const w = uniqueWord();
    const made = await Promise.all(Array.from({ length: 5 }, () => createCourse(author, { title: `Parallel ${w}`, language: 'en' }, {})));
    expect(new Set(made.map((c) => c.slug)).size).toBe(5);
    expect((await db.select().from(courses).where(inArray(courses.id, made.map((c) => c.id)))).length).toBe(5);
  });

  it('keeps slugs within 80 characters for very long titles', async () => {
    const author = await makeActor('author');
    const title = `${uniqueWord()} ${'длинное название '.repeat(11)}`.slice(0, 200);
    const a = await createCourse(author, { title, language: 'ru' }, {});
    const b = await createCourse(author, { title, language: 'ru' }, {});
    expect(a.slug.length).toBeLessThanOrEqual(80);
    expect(b.slug.length).toBeLessThanOrEqual(80);
    expect(b.slug.endsWith('-2')).toBe(true);
  });

  it('rejects empty and 500-character titles before anything is written', () => {
    expect(createCourseSchema.safeParse({ title: '' }).success).toBe(false);
    expect(createCourseSchema.safeParse({ title: 'x'.repeat(500) }).success).toBe(false);
  });

  it('refuses students and moderators', async () => {
    for (const role of ['student', 'moderator'] as const) {
      const actor = await makeActor(role);
      const title = `Forbidden ${uniqueWord()}`;
      await expect(createCourse(actor, { title, language: 'en' }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await db.select().from(courses).where(eq(courses.title, title))).toEqual([]);
    }
  });
});
