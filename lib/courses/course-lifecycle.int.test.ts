import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse as makeCourse, createUser, enroll } from '@/db/factories';
import { courseMembers, courseModules, courses, courseSlugHistory, enrollments, lessons, videos } from '@/db/schema';
import { archiveCourse, deleteCourse, duplicateCourse, publishCourse, restoreCourse, unpublishCourse, updateCourseSettings } from './mutations';
import { checkPublishable } from './queries';
import { auditFor, courseRow, makeActor, uniqueWord } from './test-utils';

const structure = async (courseId: string) => {
  const mods = await db.select().from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position));
  const less = await db.select().from(lessons).where(eq(lessons.courseId, courseId)).orderBy(asc(lessons.position));
  return mods.map((m) => ({
    id: m.id,
    title: m.title,
    position: m.position,
    lessons: less
      .filter((l) => l.moduleId === m.id)
      .map(({ id, title, type, position, status, isFreePreview, contentHtml, description, durationSeconds, completionRule, dripDays }) => ({ id, title, type, position, status, isFreePreview, contentHtml, description, durationSeconds, completionRule, dripDays })),
  }));
};
const withoutIds = (s: Awaited<ReturnType<typeof structure>>) => s.map(({ id: _id, lessons: ls, ...m }) => ({ ...m, lessons: ls.map(({ id: _lid, ...l }) => l) }));

describe('duplicateCourse', () => {
  it('deep-copies settings, modules and lessons into a new draft owned by the actor', async () => {
    const owner = await makeActor('author');
    const editor = await makeActor('author');
    const src = await makeCourse(db, { ownerId: owner.id, title: 'Original', status: 'published', modules: 2, lessonsPerModule: 3 });
    await addCourseMember(db, src.id, editor.id, 'editor');
    await db.update(courses).set({ description: 'About', tags: ['a', 'b'], level: 'beginner', language: 'ru' }).where(eq(courses.id, src.id));
    const lessonId = src.modules[0]!.lessonIds[1]!;
    await db.update(lessons).set({ contentHtml: '<p>Hello</p>', isFreePreview: true, durationSeconds: 90, completionRule: { kind: 'quiz_passed' }, dripDays: 3, status: 'draft' }).where(eq(lessons.id, lessonId));

    const copy = await duplicateCourse(editor, src.id, {});
    expect(copy.title).toBe('Original (copy)');
    expect(copy.slug).not.toBe(src.slug);
    expect(await courseRow(copy.id)).toMatchObject({ status: 'draft', publishedAt: null, description: 'About', tags: ['a', 'b'], level: 'beginner', language: 'ru', createdById: editor.id, outlineVersion: 0 });
    expect(await db.select({ userId: courseMembers.userId, role: courseMembers.role }).from(courseMembers).where(eq(courseMembers.courseId, copy.id))).toEqual([{ userId: editor.id, role: 'owner' }]);

    const [a, b] = [await structure(src.id), await structure(copy.id)];
    expect(withoutIds(b)).toEqual(withoutIds(a));
    const ids = (s: typeof a) => s.flatMap((m) => [m.id, ...m.lessons.map((l) => l.id)]);
    expect(ids(b).filter((id) => ids(a).includes(id))).toEqual([]);
    expect(b[0]!.lessons[1]).toMatchObject({ contentHtml: '<p>Hello</p>', isFreePreview: true, completionRule: { kind: 'quiz_passed' } });
    expect((await courseRow(src.id))!.status).toBe('published');
    expect((await auditFor(copy.id)).map((x) => x.action)).toEqual(['course.duplicated']);
  });

  it('gives every copy a fresh slug and keeps long titles within the limit', async () => {
    const owner = await makeActor('author');
    const src = await makeCourse(db, { ownerId: owner.id, title: `${uniqueWord()} ${'x'.repeat(195)}`.slice(0, 200) });
    const one = await duplicateCourse(owner, src.id, {});
    const two = await duplicateCourse(owner, src.id, {});
    expect(one.title.length).toBe(200);
    expect(one.title.endsWith(' (copy)')).toBe(true);
    expect(new Set([src.slug, one.slug, two.slug]).size).toBe(3);
  });
});

describe('archive and restore', () => {
  it('archives and restores as a draft; owner or admin only', async () => {
    const owner = await makeActor('author');
    const editor = await makeActor('author');
    const admin = await makeActor('admin');
    const c = await makeCourse(db, { ownerId: owner.id, status: 'published' });
    await addCourseMember(db, c.id, editor.id, 'editor');
    await expect(archiveCourse(editor, c.id, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await archiveCourse(owner, c.id, {});
    expect(await courseRow(c.id)).toMatchObject({ status: 'archived', archivedAt: expect.any(Date) });
    expect(await archiveCourse(owner, c.id, {})).toEqual({ changed: false });
    await restoreCourse(admin, c.id, {});
    expect(await courseRow(c.id)).toMatchObject({ status: 'draft', archivedAt: null });
    expect((await auditFor(c.id)).map((a) => a.action).sort()).toEqual(['course.archived', 'course.restored']);
  });
});

describe('deleteCourse', () => {
  it('requires the exact title, then removes the course and everything under it', async () => {
    const owner = await makeActor('author');
    const student = await createUser(db);
    const c = await makeCourse(db, { ownerId: owner.id, title: `Delete me ${uniqueWord()}`, modules: 2, lessonsPerModule: 2 });
    await enroll(db, c.id, student.id);
    await updateCourseSettings(owner, { courseId: c.id, slug: `${c.slug}-new` }, {});

    for (const confirmTitle of ['delete me', 'Something else', `${c.title}!`]) {
      await expect(deleteCourse(owner, { courseId: c.id, confirmTitle }, {})).rejects.toMatchObject({ code: 'VALIDATION', extra: { fieldErrors: { confirmTitle: ['courseValidation.confirmTitleMismatch'] } } });
    }
    expect(await courseRow(c.id)).toBeDefined();

    await deleteCourse(owner, { courseId: c.id, confirmTitle: c.title }, {});
    expect(await courseRow(c.id)).toBeUndefined();
    for (const [table, col] of [
      [courseModules, courseModules.courseId],
      [lessons, lessons.courseId],
      [courseMembers, courseMembers.courseId],
      [enrollments, enrollments.courseId],
      [courseSlugHistory, courseSlugHistory.courseId],
    ] as const) {
      expect(await db.select().from(table).where(eq(col, c.id))).toEqual([]);
    }
    expect((await auditFor(c.id)).map((a) => a.action)).toContain('course.deleted');
  });
});

describe('publishing', () => {
  it('lists what blocks publishing', async () => {
    const owner = await makeActor('author');
    const empty = await makeCourse(db, { ownerId: owner.id });
    expect(await checkPublishable(empty.id)).toEqual([{ key: 'courseValidation.noPublishedLesson' }]);

    const c = await makeCourse(db, { ownerId: owner.id, modules: 2, lessonsPerModule: 1 });
    await db.update(lessons).set({ status: 'draft' }).where(eq(lessons.courseId, c.id));
    await db.insert(courseModules).values({ courseId: c.id, title: 'Bonus', position: 2 });
    expect(await checkPublishable(c.id)).toEqual([{ key: 'courseValidation.noPublishedLesson' }, { key: 'courseValidation.emptyModule', params: { module: 'Bonus' } }]);
  });

  it('needs a playable video for every published video lesson', async () => {
    const owner = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id, modules: 1, lessonsPerModule: 1, lessonType: 'video' });
    const lessonId = c.modules[0]!.lessonIds[0]!;
    expect(await checkPublishable(c.id)).toEqual([{ key: 'courseValidation.videoNotReady', params: { lesson: 'Lesson 1.1' } }]);
    // Still uploading or processing (nothing plays yet): not ready.
    const base = { courseId: c.id, filename: 'a.mp4', contentType: 'video/mp4', size: 10, partSize: 16 * 1024 * 1024 };
    const [pending] = await db.insert(videos).values({ ...base, sourceKey: `courses/${c.id}/videos/a/source`, status: 'processing' }).returning();
    await db.update(lessons).set({ videoId: pending!.id }).where(eq(lessons.id, lessonId));
    expect(await checkPublishable(c.id)).toHaveLength(1);
    // The quick rendition plays: publishable.
    await db.update(videos).set({ playback: 'quick' }).where(eq(videos.id, pending!.id));
    expect(await checkPublishable(c.id)).toEqual([]);
    await db.update(lessons).set({ status: 'draft' }).where(eq(lessons.courseId, c.id));
    expect(await checkPublishable(c.id)).toEqual([{ key: 'courseValidation.noPublishedLesson' }]);
  });

  it('refuses with CONFLICT and the problems, then publishes once they are fixed', async () => {
    const owner = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id, modules: 1, lessonsPerModule: 1 });
    const [bonus] = await db.insert(courseModules).values({ courseId: c.id, title: 'Empty one', position: 1 }).returning();
    await expect(publishCourse(owner, c.id, {})).rejects.toMatchObject({ code: 'CONFLICT', problems: [{ key: 'courseValidation.emptyModule', params: { module: 'Empty one' } }] });
    expect((await courseRow(c.id))!.status).toBe('draft');
    expect(await auditFor(c.id)).toEqual([]);

    await db.delete(courseModules).where(eq(courseModules.id, bonus!.id));
    expect(await publishCourse(owner, c.id, {})).toEqual({ changed: true });
    expect(await courseRow(c.id)).toMatchObject({ status: 'published', publishedAt: expect.any(Date) });
    expect(await publishCourse(owner, c.id, {})).toEqual({ changed: false });
    await unpublishCourse(owner, c.id, {});
    expect((await courseRow(c.id))!.status).toBe('draft');
    expect((await auditFor(c.id)).map((a) => a.action).sort()).toEqual(['course.published', 'course.unpublished']);
  });

  it('refuses to publish an archived course', async () => {
    const owner = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id, status: 'archived', modules: 1, lessonsPerModule: 1 });
    await expect(publishCourse(owner, c.id, {})).rejects.toMatchObject({ code: 'CONFLICT', problems: [{ key: 'courseValidation.courseArchived' }] });
  });
});
