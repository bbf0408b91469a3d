import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse as makeCourse } from '@/db/factories';
import { courseSlugHistory } from '@/db/schema';
import { updateCourseSettings } from './mutations';
import { updateCourseSettingsSchema } from './schemas';
import { auditFor, courseRow, makeActor, uniqueWord } from './test-utils';

const history = (courseId: string) => db.select({ slug: courseSlugHistory.slug }).from(courseSlugHistory).where(eq(courseSlugHistory.courseId, courseId));

describe('updateCourseSettings', () => {
  it('stores the changed settings and audits the changed fields', async () => {
    const owner = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id });
    const input = updateCourseSettingsSchema.parse({
      courseId: c.id,
      title: 'New title',
      shortDescription: 'Short',
      description: '# Heading\n\nBody',
      coverImageUrl: 'https://cdn.example.com/cover.png',
      language: 'ru',
      level: 'advanced',
      tags: 'Python, python, Data  Science',
      visibility: 'unlisted',
    });
    expect(await updateCourseSettings(owner, input, {})).toMatchObject({ changed: true });
    expect(await courseRow(c.id)).toMatchObject({
      title: 'New title',
      shortDescription: 'Short',
      description: '# Heading\n\nBody',
      coverImageUrl: 'https://cdn.example.com/cover.png',
      language: 'ru',
      level: 'advanced',
      tags: ['python', 'data science'],
      visibility: 'unlisted',
    });
    const [audit] = await auditFor(c.id);
    expect(audit).toMatchObject({ action: 'course.updated', actorId: owner.id });
    expect((audit!.data as { fields: string[] }).fields.sort()).toEqual(['coverImageUrl', 'description', 'language', 'level', 'shortDescription', 'tags', 'title', 'visibility']);
    expect(audit!.data).toMatchObject({ from: { title: c.title }, to: { title: 'New title' } });
  });

  it('writes nothing when nothing changes', async () => {
    const owner = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id });
    expect(await updateCourseSettings(owner, { courseId: c.id, title: c.title, slug: c.slug }, {})).toEqual({ changed: false, slug: c.slug });
    expect(await auditFor(c.id)).toEqual([]);
  });

  it('lets editors edit', async () => {
    const owner = await makeActor('author');
    const editor = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id });
    await addCourseMember(db, c.id, editor.id, 'editor');
    await updateCourseSettings(editor, { courseId: c.id, title: 'By the editor' }, {});
    expect((await courseRow(c.id))!.title).toBe('By the editor');
  });

  it('records the old slug and lets the course switch back to it', async () => {
    const owner = await makeActor('author');
    const w = uniqueWord();
    const c = await makeCourse(db, { ownerId: owner.id, slug: `${w}-one` });
    await updateCourseSettings(owner, { courseId: c.id, slug: `${w}-two` }, {});
    expect(await history(c.id)).toEqual([{ slug: `${w}-one` }]);
    await updateCourseSettings(owner, { courseId: c.id, slug: `${w}-one` }, {});
    expect((await courseRow(c.id))!.slug).toBe(`${w}-one`);
    expect(await history(c.id)).toEqual([{ slug: `${w}-two` }]);
  });

  it('refuses another course’s current or old slug as a field error and writes nothing', async () => {
    const owner = await makeActor('author');
    const w = uniqueWord();
    const other = await makeCourse(db, { ownerId: owner.id, slug: `${w}-taken` });
    await updateCourseSettings(owner, { courseId: other.id, slug: `${w}-now` }, {}); // `${w}-taken` is now history
    const c = await makeCourse(db, { ownerId: owner.id, slug: `${w}-mine` });
    for (const slug of [`${w}-now`, `${w}-taken`]) {
      await expect(updateCourseSettings(owner, { courseId: c.id, title: 'Changed too', slug }, {})).rejects.toMatchObject({
        code: 'VALIDATION',
        extra: { fieldErrors: { slug: ['courseValidation.slugTaken'] } },
      });
    }
    expect(await courseRow(c.id)).toMatchObject({ slug: `${w}-mine`, title: c.title });
    expect(await history(c.id)).toEqual([]);
    expect(await auditFor(c.id)).toEqual([]);
  });

  it('rejects empty and 500-character titles in the shared schema', () => {
    const courseId = '8f2c1a4e-4b7d-4c1e-9a3b-2d5e6f708192';
    expect(updateCourseSettingsSchema.safeParse({ courseId, title: '  ' }).success).toBe(false);
    expect(updateCourseSettingsSchema.safeParse({ courseId, title: 'x'.repeat(500) }).success).toBe(false);
  });

  it('is NOT_FOUND for a course that does not exist (admin)', async () => {
    const admin = await makeActor('admin');
    await expect(updateCourseSettings(admin, { courseId: '00000000-0000-4000-8000-000000000000', title: 'X' }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
