import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse as makeCourse, createUser } from '@/db/factories';
import { courseMembers } from '@/db/schema';
import { inviteEditor, removeEditor, transferOwnership } from './mutations';
import { listCourseMembers } from './queries';
import { actorOf, auditFor, makeActor } from './test-utils';

const roles = async (courseId: string) =>
  Object.fromEntries((await db.select().from(courseMembers).where(eq(courseMembers.courseId, courseId))).map((m) => [m.userId, m.role]));

describe('inviteEditor', () => {
  it('adds an author found by email as an editor', async () => {
    const owner = await makeActor('author');
    const author = await createUser(db, { role: 'author' });
    const c = await makeCourse(db, { ownerId: owner.id });
    await inviteEditor(owner, { courseId: c.id, email: author.email }, {});
    expect(await roles(c.id)).toEqual({ [owner.id]: 'owner', [author.id]: 'editor' });
    expect((await listCourseMembers(c.id)).map((m) => m.role)).toEqual(['owner', 'editor']);
    expect((await auditFor(c.id)).map((a) => a.action)).toEqual(['course.member_added']);
  });

  it('refuses non-authors, unknown emails and existing members with field errors', async () => {
    const owner = await makeActor('author');
    const student = await createUser(db, { role: 'student' });
    const moderator = await createUser(db, { role: 'moderator' });
    const c = await makeCourse(db, { ownerId: owner.id });
    const fieldError = (key: string) => ({ code: 'VALIDATION', extra: { fieldErrors: { email: [key] } } });
    await expect(inviteEditor(owner, { courseId: c.id, email: student.email }, {})).rejects.toMatchObject(fieldError('courseValidation.inviteeNotAuthor'));
    await expect(inviteEditor(owner, { courseId: c.id, email: moderator.email }, {})).rejects.toMatchObject(fieldError('courseValidation.inviteeNotAuthor'));
    await expect(inviteEditor(owner, { courseId: c.id, email: 'nobody-here@test.lectern' }, {})).rejects.toMatchObject(fieldError('courseValidation.userNotFound'));
    await expect(inviteEditor(owner, { courseId: c.id, email: owner.email }, {})).rejects.toMatchObject(fieldError('courseValidation.alreadyMember'));
    expect(Object.keys(await roles(c.id))).toEqual([owner.id]);
    expect(await auditFor(c.id)).toEqual([]);
  });

  it('lets an admin invite, but not an editor', async () => {
    const owner = await makeActor('author');
    const editor = await makeActor('author');
    const admin = await makeActor('admin');
    const newcomer = await createUser(db, { role: 'author' });
    const c = await makeCourse(db, { ownerId: owner.id });
    await addCourseMember(db, c.id, editor.id, 'editor');
    await expect(inviteEditor(editor, { courseId: c.id, email: newcomer.email }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await inviteEditor(admin, { courseId: c.id, email: newcomer.email }, {});
    expect((await roles(c.id))[newcomer.id]).toBe('editor');
  });
});

describe('removeEditor', () => {
  it('removes an editor but never the owner', async () => {
    const owner = await makeActor('author');
    const editor = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id });
    await addCourseMember(db, c.id, editor.id, 'editor');
    await expect(removeEditor(owner, { courseId: c.id, userId: owner.id }, {})).rejects.toMatchObject({ code: 'CONFLICT', message: 'courseValidation.ownerCannotBeRemoved' });
    await removeEditor(owner, { courseId: c.id, userId: editor.id }, {});
    expect(await roles(c.id)).toEqual({ [owner.id]: 'owner' });
    await expect(removeEditor(owner, { courseId: c.id, userId: editor.id }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await auditFor(c.id)).map((a) => a.action)).toEqual(['course.member_removed']);
  });
});

describe('transferOwnership', () => {
  it('makes the editor the owner and the old owner an editor', async () => {
    const owner = await makeActor('author');
    const editor = await makeActor('author');
    const c = await makeCourse(db, { ownerId: owner.id });
    await addCourseMember(db, c.id, editor.id, 'editor');
    expect(await transferOwnership(owner, { courseId: c.id, userId: editor.id }, {})).toEqual({ changed: true });
    expect(await roles(c.id)).toEqual({ [owner.id]: 'editor', [editor.id]: 'owner' });
    // The former owner is now only an editor: owner-only actions are refused.
    await expect(transferOwnership(owner, { courseId: c.id, userId: owner.id }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [audit] = await auditFor(c.id);
    expect(audit).toMatchObject({ action: 'course.ownership_transferred', data: { from: [owner.id], to: editor.id } });
  });

  it('only hands over to a member; an admin may do it for the owner', async () => {
    const owner = await makeActor('author');
    const editor = await makeActor('author');
    const outsider = await createUser(db, { role: 'author' });
    const admin = await makeActor('admin');
    const c = await makeCourse(db, { ownerId: owner.id });
    await addCourseMember(db, c.id, editor.id, 'editor');
    await expect(transferOwnership(owner, { courseId: c.id, userId: outsider.id }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(transferOwnership(editor, { courseId: c.id, userId: editor.id }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await transferOwnership(admin, { courseId: c.id, userId: editor.id }, {});
    expect(await roles(c.id)).toEqual({ [owner.id]: 'editor', [editor.id]: 'owner' });
    expect(await transferOwnership(actorOf({ ...admin }), { courseId: c.id, userId: editor.id }, {})).toEqual({ changed: false });
  });
});
