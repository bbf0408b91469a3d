import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse, createUser } from '@/db/factories';
import { auditEvents, courseModules, courses, lessons } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { createLesson, createModule, deleteLessons, deleteModule, moveLessons, moveModule, renameLesson, undoOrRedo } from './mutations';
import { getCourseOutline } from './queries';
import { isDense } from './planner';

const actorOf = (u: { id: string; email: string; name: string; role: SessionUser['role'] }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
const version = async (courseId: string) => (await db.query.courses.findFirst({ where: eq(courses.id, courseId) }))!.outlineVersion;
const layout = async (courseId: string) => {
  const o = (await getCourseOutline(courseId, '00000000-0000-4000-8000-000000000000'))!;
  return o.modules.map((m) => m.lessons.map((l) => l.title));
};
async function assertDense(courseId: string) {
  const mods = await db.select().from(courseModules).where(eq(courseModules.courseId, courseId));
  expect(isDense(mods.map((m) => m.position))).toBe(true);
  for (const m of mods) {
    const ls = await db.select({ p: lessons.position }).from(lessons).where(eq(lessons.moduleId, m.id));
    expect(isDense(ls.map((l) => l.p))).toBe(true);
  }
}
async function setup(modules = 2, lessonsPerModule = 3) {
  const author = actorOf(await createUser(db, { role: 'author' }));
  const course = await createCourse(db, { ownerId: author.id, modules, lessonsPerModule });
  return { author, course };
}

describe('moveLessons', () => {
  it('moves across modules, keeps positions dense, bumps the version and audits', async () => {
    const { author, course } = await setup();
    const [m1, m2] = course.modules;
    const r = await moveLessons(author, { courseId: course.id, lessonIds: [m1!.lessonIds[0]!], toModuleId: m2!.id, toIndex: 1, expectedVersion: 0 }, {});
    expect(r.version).toBe(1);
    expect(await layout(course.id)).toEqual([
      ['Lesson 1.2', 'Lesson 1.3'],
      ['Lesson 2.1', 'Lesson 1.1', 'Lesson 2.2', 'Lesson 2.3'],
    ]);
    await assertDense(course.id);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetId, course.id));
    expect(audit.map((a) => a.action)).toContain('outline.lessons_moved');
  });

  it('a stale version is a CONFLICT and writes nothing', async () => {
    const { author, course } = await setup();
    const [m1] = course.modules;
    await expect(moveLessons(author, { courseId: course.id, lessonIds: [m1!.lessonIds[0]!], toModuleId: m1!.id, toIndex: 2, expectedVersion: 7 }, {})).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await version(course.id)).toBe(0);
  });

  it('refuses a module of another course, an index of -1 or past the end, and a deleted lesson', async () => {
    const { author, course } = await setup();
    const other = await createCourse(db, { ownerId: author.id, modules: 1, lessonsPerModule: 1 });
    const [m1, m2] = course.modules;
    const lesson = m1!.lessonIds[0]!;
    const base = { courseId: course.id, lessonIds: [lesson], expectedVersion: 0 };
    await expect(moveLessons(author, { ...base, toModuleId: other.modules[0]!.id, toIndex: 0 }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(moveLessons(author, { ...base, toModuleId: m2!.id, toIndex: -1 }, {})).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(moveLessons(author, { ...base, toModuleId: m2!.id, toIndex: 4 }, {})).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(moveLessons(author, { ...base, lessonIds: [other.modules[0]!.lessonIds[0]!], toModuleId: m2!.id, toIndex: 0 }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db.delete(lessons).where(eq(lessons.id, m1!.lessonIds[2]!));
    await expect(moveLessons(author, { ...base, lessonIds: [m1!.lessonIds[2]!], toModuleId: m2!.id, toIndex: 0 }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await version(course.id)).toBe(0);
  });

  it('two moves sent with the same version: exactly one wins', async () => {
    const { author, course } = await setup();
    const editor = actorOf(await createUser(db, { role: 'author' }));
    await addCourseMember(db, course.id, editor.id);
    const [m1, m2] = course.modules;
    const results = await Promise.allSettled([
      moveLessons(author, { courseId: course.id, lessonIds: [m1!.lessonIds[0]!], toModuleId: m2!.id, toIndex: 0, expectedVersion: 0 }, {}),
      moveLessons(editor, { courseId: course.id, lessonIds: [m2!.lessonIds[0]!], toModuleId: m1!.id, toIndex: 0, expectedVersion: 0 }, {}),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    expect(await version(course.id)).toBe(1);
    await assertDense(course.id);
  });

  it('200 rounds of random concurrent moves by two editors leave every parent dense with no lesson lost', async () => {
    const { author, course } = await setup(4, 5);
    const editor = actorOf(await createUser(db, { role: 'author' }));
    await addCourseMember(db, course.id, editor.id);
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 200; round++) {
      const o = (await getCourseOutline(course.id, author.id))!;
      const all = o.modules.flatMap((m) => m.lessons.map((l) => l.id));
      const attempt = (who: SessionUser) => {
        const target = o.modules[rnd(o.modules.length)]!;
        if (rnd(5) === 0) return moveModule(who, { courseId: course.id, moduleId: target.id, toIndex: rnd(o.modules.length), expectedVersion: o.version }, {});
        const pick = all[rnd(all.length)]!;
        const len = target.lessons.filter((l) => l.id !== pick).length;
        return moveLessons(who, { courseId: course.id, lessonIds: [pick], toModuleId: target.id, toIndex: rnd(len + 1), expectedVersion: o.version }, {});
      };
      const r = await Promise.allSettled([attempt(author), attempt(editor)]);
      expect(r.filter((x) => x.status === 'fulfilled').length).toBeLessThanOrEqual(1);
    }
    await assertDense(course.id);
    const total = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.courseId, course.id));
    expect(total).toHaveLength(20);
  }, 60_000);
});

describe('moveModule', () => {
  it('reorders modules', async () => {
    const { author, course } = await setup(3, 1);
    await moveModule(author, { courseId: course.id, moduleId: course.modules[2]!.id, toIndex: 0, expectedVersion: 0 }, {});
    const rows = await db.select().from(courseModules).where(eq(courseModules.courseId, course.id)).orderBy(asc(courseModules.position));
    expect(rows.map((r) => r.title)).toEqual(['Module 3', 'Module 1', 'Module 2']);
  });
});

describe('undo and redo', () => {
  it('undo a move restores the layout; redo re-applies it; a new change clears redo', async () => {
    const { author, course } = await setup();
    const [m1, m2] = course.modules;
    const before = await layout(course.id);
    await moveLessons(author, { courseId: course.id, lessonIds: [m1!.lessonIds[0]!, m1!.lessonIds[2]!], toModuleId: m2!.id, toIndex: 3, expectedVersion: 0 }, {});
    const after = await layout(course.id);
    let r = await undoOrRedo(author, { courseId: course.id, expectedVersion: 1 }, 'undo', {});
    expect(await layout(course.id)).toEqual(before);
    expect(r.outline.canRedo).toBe(true);
    r = await undoOrRedo(author, { courseId: course.id, expectedVersion: r.version }, 'redo', {});
    expect(await layout(course.id)).toEqual(after);
    await undoOrRedo(author, { courseId: course.id, expectedVersion: r.version }, 'undo', {});
    await renameLesson(author, { courseId: course.id, lessonId: m1!.lessonIds[1]!, title: 'Renamed' }, {});
    await expect(undoOrRedo(author, { courseId: course.id, expectedVersion: await version(course.id) }, 'redo', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await assertDense(course.id);
  });

  it('undo of a module delete brings back the module and its lessons with their content', async () => {
    const { author, course } = await setup(3, 2);
    await db.update(lessons).set({ contentHtml: '<p>keep me</p>' }).where(eq(lessons.id, course.modules[1]!.lessonIds[0]!));
    const before = await layout(course.id);
    const d = await deleteModule(author, { courseId: course.id, moduleId: course.modules[1]!.id, expectedVersion: 0 }, {});
    expect(await layout(course.id)).toEqual([before[0], before[2]]);
    await assertDense(course.id);
    await undoOrRedo(author, { courseId: course.id, expectedVersion: d.version }, 'undo', {});
    expect(await layout(course.id)).toEqual(before);
    const restored = await db.query.lessons.findFirst({ where: eq(lessons.id, course.modules[1]!.lessonIds[0]!) });
    expect(restored!.contentHtml).toBe('<p>keep me</p>');
    await assertDense(course.id);
  });

  it('undo of lesson deletes and creates, and each editor undoes only their own changes', async () => {
    const { author, course } = await setup(2, 2);
    const editor = actorOf(await createUser(db, { role: 'author' }));
    await addCourseMember(db, course.id, editor.id);
    const c = await createLesson(author, { courseId: course.id, moduleId: course.modules[0]!.id, title: 'New one', type: 'quiz', expectedVersion: 0 }, {});
    const d = await deleteLessons(editor, { courseId: course.id, lessonIds: [course.modules[1]!.lessonIds[0]!], expectedVersion: c.version }, {});
    // The author's undo removes the author's created lesson, not the editor's delete.
    await undoOrRedo(author, { courseId: course.id, expectedVersion: d.version }, 'undo', {});
    expect(await layout(course.id)).toEqual([['Lesson 1.1', 'Lesson 1.2'], ['Lesson 2.2']]);
    await undoOrRedo(editor, { courseId: course.id, expectedVersion: await version(course.id) }, 'undo', {});
    expect(await layout(course.id)).toEqual([['Lesson 1.1', 'Lesson 1.2'], ['Lesson 2.1', 'Lesson 2.2']]);
    await assertDense(course.id);
  });
});

describe('permissions', () => {
  it('students, moderators and authors of other courses get FORBIDDEN and nothing changes', async () => {
    const { course } = await setup();
    const [m1] = course.modules;
    for (const role of ['student', 'moderator', 'author'] as const) {
      const who = actorOf(await createUser(db, { role }));
      await expect(moveLessons(who, { courseId: course.id, lessonIds: [m1!.lessonIds[0]!], toModuleId: m1!.id, toIndex: 2, expectedVersion: 0 }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createModule(who, { courseId: course.id, title: 'x', expectedVersion: 0 }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await version(course.id)).toBe(0);
  });

  it('an admin may edit any course', async () => {
    const { course } = await setup();
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    const r = await createModule(admin, { courseId: course.id, title: 'By admin', expectedVersion: 0 }, {});
    expect(r.outline.modules.map((m) => m.title)).toEqual(['Module 1', 'Module 2', 'By admin']);
  });
});
