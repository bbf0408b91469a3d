import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { createCourse, createUser } from '@/db/factories';
import { lessons } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { toFieldErrors } from '@/lib/validation';
import { getStudentCourseView } from './queries';
import { updateLesson } from './mutations';
import { updateLessonSchema } from './schemas';

const actorOf = (u: { id: string; email: string; name: string; role: SessionUser['role'] }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

async function setup() {
  const author = actorOf(await createUser(db, { role: 'author' }));
  const course = await createCourse(db, { ownerId: author.id, modules: 1, lessonsPerModule: 2 });
  const lessonId = course.modules[0]!.lessonIds[0]!;
  const input = {
    courseId: course.id,
    lessonId,
    title: 'Intro',
    description: 'Start here',
    status: 'published' as const,
    isFreePreview: true,
    durationSeconds: 600,
    completionRule: { kind: 'view' as const },
    drip: { mode: 'days' as const, days: 3 },
    contentHtml: '<h2>Hello</h2><p onclick="steal()">World <a href="javascript:alert(1)">x</a></p><script>alert(1)</script><img src="x" onerror="alert(2)">',
  };
  return { author, course, lessonId, input };
}

describe('updateLesson', () => {
  it('saves settings and stores only sanitized HTML', async () => {
    const { author, lessonId, input } = await setup();
    await updateLesson(author, input, {});
    const row = (await db.query.lessons.findFirst({ where: eq(lessons.id, lessonId) }))!;
    expect(row).toMatchObject({ title: 'Intro', status: 'published', isFreePreview: true, durationSeconds: 600, dripDays: 3, dripDate: null });
    expect(row.contentHtml).toContain('<h2>Hello</h2>');
    expect(row.contentHtml).not.toMatch(/script|onclick|onerror|javascript:/i);
  });

  it('switches drip from days to a date', async () => {
    const { author, lessonId, input } = await setup();
    await updateLesson(author, { ...input, drip: { mode: 'date', date: '2027-01-15' } }, {});
    const row = (await db.query.lessons.findFirst({ where: eq(lessons.id, lessonId) }))!;
    expect(row.dripDays).toBeNull();
    expect(row.dripDate?.toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });

  it('students, moderators and other authors get FORBIDDEN; a lesson of another course is NOT_FOUND', async () => {
    const { author, course, lessonId, input } = await setup();
    for (const role of ['student', 'moderator', 'author'] as const) {
      await expect(updateLesson(actorOf(await createUser(db, { role })), input, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const other = await createCourse(db, { ownerId: author.id, modules: 1, lessonsPerModule: 1 });
    await expect(updateLesson(author, { ...input, lessonId: other.modules[0]!.lessonIds[0]! }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const row = (await db.query.lessons.findFirst({ where: eq(lessons.id, lessonId) }))!;
    expect(row.title).toBe('Lesson 1.1');
    expect(course.id).toBeTruthy();
  });

  it('the schema rejects out-of-range values with field-specific keys', () => {
    const bad = updateLessonSchema.safeParse({
      courseId: '00000000-0000-4000-8000-000000000000',
      lessonId: '00000000-0000-4000-8000-000000000000',
      title: 'x'.repeat(201),
      status: 'published',
      isFreePreview: false,
      durationSeconds: -5,
      completionRule: { kind: 'video_coverage', percent: 150 },
      drip: { mode: 'days', days: 99999 },
    });
    expect(bad.success).toBe(false);
    expect(toFieldErrors(bad.error!)).toEqual({
      title: ['validation.titleTooLong'],
      durationSeconds: ['validation.durationRange'],
      'completionRule.percent': ['validation.percentRange'],
      'drip.days': ['validation.dripDaysRange'],
    });
  });
});

describe('student view (and preview as student)', () => {
  it('lists only published lessons and hides modules without any', async () => {
    const author = await createUser(db, { role: 'author' });
    const course = await createCourse(db, { ownerId: author.id, modules: 2, lessonsPerModule: 2 });
    await db.update(lessons).set({ status: 'draft' }).where(eq(lessons.moduleId, course.modules[1]!.id));
    await db.update(lessons).set({ status: 'draft' }).where(eq(lessons.id, course.modules[0]!.lessonIds[1]!));
    const view = (await getStudentCourseView(course.id))!;
    expect(view.modules.map((m) => [m.title, m.lessons.map((l) => l.title)])).toEqual([['Module 1', ['Lesson 1.1']]]);
  });
});
