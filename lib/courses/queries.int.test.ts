import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse as makeCourse } from '@/db/factories';
import { getCourseAccess, getCourseSettings, listCoursesForUser } from './queries';
import { makeActor } from './test-utils';

describe('listCoursesForUser', () => {
  it('shows an author only their courses, with role and lesson count, newest first', async () => {
    const me = await makeActor('author');
    const someone = await makeActor('author');
    const mine = await makeCourse(db, { ownerId: me.id, modules: 2, lessonsPerModule: 3 });
    const shared = await makeCourse(db, { ownerId: someone.id, visibility: 'private' });
    await addCourseMember(db, shared.id, me.id, 'editor');
    await makeCourse(db, { ownerId: someone.id });

    const list = await listCoursesForUser(me);
    expect(list.total).toBe(2);
    expect(list.items.map((c) => [c.id, c.role, c.lessonCount, c.visibility])).toEqual([
      [shared.id, 'editor', 0, 'private'],
      [mine.id, 'owner', 6, 'public'],
    ]);
  });

  it('shows admins every course and students nothing', async () => {
    const admin = await makeActor('admin');
    const owner = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id });
    const found = [];
    for (let page = 1; ; page++) {
      const list = await listCoursesForUser(admin, { page });
      found.push(...list.items.filter((i) => i.id === c.id));
      if (page * list.pageSize >= list.total) break;
    }
    expect(found).toEqual([expect.objectContaining({ id: c.id, role: null, status: 'draft' })]);
    expect((await listCoursesForUser(await makeActor('student'))).items).toEqual([]);
  });
});

describe('getCourseAccess', () => {
  it('answers only for members and admins', async () => {
    const owner = await makeActor('author');
    const editor = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id });
    await addCourseMember(db, c.id, editor.id, 'editor');
    expect(await getCourseAccess(owner, c.id)).toMatchObject({ role: 'owner', canManage: true });
    expect(await getCourseAccess(editor, c.id)).toMatchObject({ role: 'editor', canManage: false });
    expect(await getCourseAccess(await makeActor('admin'), c.id)).toMatchObject({ role: null, canManage: true });
    expect(await getCourseAccess(await makeActor('author'), c.id)).toBeNull();
    expect(await getCourseAccess(await makeActor('student'), c.id)).toBeNull();
    expect(await getCourseAccess(owner, 'not-a-uuid')).toBeNull();
    expect(await getCourseAccess(owner, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('getCourseSettings returns a DTO with ISO dates', async () => {
    const owner = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id });
    expect(await getCourseSettings(c.id)).toMatchObject({ id: c.id, slug: c.slug, tags: [], coverImageUrl: null, updatedAt: expect.stringMatching(/Z$/) });
  });
});
