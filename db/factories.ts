import { randomUUID } from 'node:crypto';
import { hashPassword } from '../lib/auth/password';
import type { PlatformRole } from '../lib/constants';
import type { Database } from './factory';
import { users } from './schema';
import { courseMembers, courseModules, courses, enrollments, lessons } from './schema';
import type { LessonType } from '../lib/course-constants';

// Test data builders shared by the integration and e2e tiers. Every call makes unique rows, so
// tests never depend on each other's data.
export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}@test.lectern`;

export const DEFAULT_TEST_PASSWORD = 'test-password-1';

export async function createUser(db: Database, opts: { role?: PlatformRole; email?: string; name?: string; password?: string; blocked?: boolean } = {}) {
  const password = opts.password ?? DEFAULT_TEST_PASSWORD;
  const email = opts.email ?? uniqueEmail(opts.role ?? 'student');
  const [row] = await db
    .insert(users)
    .values({ email, name: opts.name ?? email.split('@')[0]!, role: opts.role ?? 'student', passwordHash: await hashPassword(password), blockedAt: opts.blocked ? new Date() : null })
    .returning();
  return { ...row!, password };
}


/** A draft course owned by `ownerId`, optionally with `modules` × `lessonsPerModule` text lessons. */
export async function createCourse(
  db: Database,
  opts: { ownerId: string; title?: string; slug?: string; status?: 'draft' | 'published' | 'archived'; visibility?: 'public' | 'unlisted' | 'private'; modules?: number; lessonsPerModule?: number; lessonType?: LessonType } = { ownerId: '' },
) {
  const suffix = randomUUID().slice(0, 8);
  const [course] = await db
    .insert(courses)
    .values({ title: opts.title ?? `Course ${suffix}`, slug: opts.slug ?? `course-${suffix}`, status: opts.status ?? 'draft', visibility: opts.visibility ?? 'public', createdById: opts.ownerId, publishedAt: opts.status === 'published' ? new Date() : null })
    .returning();
  await db.insert(courseMembers).values({ courseId: course!.id, userId: opts.ownerId, role: 'owner' });
  const modules: { id: string; lessonIds: string[] }[] = [];
  for (let m = 0; m < (opts.modules ?? 0); m++) {
    const [mod] = await db.insert(courseModules).values({ courseId: course!.id, title: `Module ${m + 1}`, position: m }).returning({ id: courseModules.id });
    const count = opts.lessonsPerModule ?? 0;
    const rows = count
      ? await db
          .insert(lessons)
          .values(Array.from({ length: count }, (_, l) => ({ courseId: course!.id, moduleId: mod!.id, title: `Lesson ${m + 1}.${l + 1}`, type: opts.lessonType ?? ('text' as const), position: l, status: 'published' as const })))
          .returning({ id: lessons.id, position: lessons.position })
      : [];
    modules.push({ id: mod!.id, lessonIds: rows.sort((a, b) => a.position - b.position).map((r) => r.id) });
  }
  return { ...course!, modules };
}

export async function addCourseMember(db: Database, courseId: string, userId: string, role: 'owner' | 'editor' = 'editor') {
  await db.insert(courseMembers).values({ courseId, userId, role });
}

export async function enroll(db: Database, courseId: string, userId: string) {
  await db.insert(enrollments).values({ courseId, userId, source: 'staff' });
}
