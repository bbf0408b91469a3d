import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse as makeCourse, createUser } from '@/db/factories';
import { courseMembers, courses } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { archiveCourse, deleteCourse, duplicateCourse, inviteEditor, publishCourse, removeEditor, restoreCourse, transferOwnership, unpublishCourse, updateCourseSettings } from './mutations';
import { auditFor, makeActor } from './test-utils';

/** Every course write, aimed at one course. */
function writes(courseId: string, title: string, other: { id: string; email: string }) {
  return {
    update: (a: SessionUser) => updateCourseSettings(a, { courseId, title: 'Hijacked', slug: 'hijacked-slug' }, {}),
    invite: (a: SessionUser) => inviteEditor(a, { courseId, email: other.email }, {}),
    remove: (a: SessionUser) => removeEditor(a, { courseId, userId: other.id }, {}),
    transfer: (a: SessionUser) => transferOwnership(a, { courseId, userId: other.id }, {}),
    duplicate: (a: SessionUser) => duplicateCourse(a, courseId, {}),
    archive: (a: SessionUser) => archiveCourse(a, courseId, {}),
    restore: (a: SessionUser) => restoreCourse(a, courseId, {}),
    publish: (a: SessionUser) => publishCourse(a, courseId, {}),
    unpublish: (a: SessionUser) => unpublishCourse(a, courseId, {}),
    delete: (a: SessionUser) => deleteCourse(a, { courseId, confirmTitle: title }, {}),
  };
}

describe('course permissions', () => {
  it('refuses students, moderators and another course’s author everything, and nothing is written', async () => {
    const owner = await makeActor('author');
    const editor = await createUser(db, { role: 'author' });
    const c = await makeCourse(db, { ownerId: owner.id, status: 'published', modules: 1, lessonsPerModule: 1 });
    await addCourseMember(db, c.id, editor.id, 'editor');
    const before = await db.query.courses.findFirst({ where: eq(courses.id, c.id) });
    const otherAuthor = await makeActor('author');
    await makeCourse(db, { ownerId: otherAuthor.id });
    const ownCopies = async (id: string) => (await db.select().from(courseMembers).where(eq(courseMembers.userId, id))).length;

    for (const actor of [await makeActor('student'), await makeActor('moderator'), otherAuthor]) {
      const copiesBefore = await ownCopies(actor.id);
      for (const [name, write] of Object.entries(writes(c.id, c.title, editor))) {
        await expect(write(actor), `${actor.role} ${name}`).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      expect(await ownCopies(actor.id)).toBe(copiesBefore);
    }
    expect(await db.query.courses.findFirst({ where: eq(courses.id, c.id) })).toEqual(before);
    expect(await db.select({ userId: courseMembers.userId, role: courseMembers.role }).from(courseMembers).where(eq(courseMembers.courseId, c.id))).toHaveLength(2);
    expect(await auditFor(c.id)).toEqual([]);
  });

  it('refuses editors the owner-only writes', async () => {
    const owner = await makeActor('author');
    const editor = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id });
    await addCourseMember(db, c.id, editor.id, 'editor');
    const w = writes(c.id, c.title, owner);
    for (const name of ['invite', 'remove', 'transfer', 'archive', 'restore', 'delete'] as const) {
      await expect(w[name](editor), name).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.query.courses.findFirst({ where: eq(courses.id, c.id) })).toBeDefined();
    expect(await auditFor(c.id)).toEqual([]);
  });

  it('lets an admin who is not a member manage the course', async () => {
    const owner = await makeActor('author');
    const admin = await makeActor('admin');
    const c = await makeCourse(db, { ownerId: owner.id });
    await updateCourseSettings(admin, { courseId: c.id, title: 'Admin title' }, {});
    await archiveCourse(admin, c.id, {});
    await deleteCourse(admin, { courseId: c.id, confirmTitle: 'Admin title' }, {});
    expect(await db.query.courses.findFirst({ where: eq(courses.id, c.id) })).toBeUndefined();
  });
});
