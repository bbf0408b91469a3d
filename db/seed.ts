// `npm run db:seed`: demo accounts (one or more per role) and a published demo course, for trying Lectern out.
// Idempotent: existing rows are left as they are, so it can be re-run at any time.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, inArray } from 'drizzle-orm';
import { hashPassword } from '../lib/auth/password';
import { createDb, type Database } from './factory';
import { courseMembers, courseModules, courses, enrollments, lessons, userPreferences, users, type Locale, type PlatformRole } from './schema';

export const DEMO_PASSWORD = 'lectern-demo-1';

export const demoUsers: { email: string; name: string; role: PlatformRole; locale?: Locale }[] = [
  { email: 'admin@lectern.local', name: 'Ada Admin', role: 'admin' },
  { email: 'author@lectern.local', name: 'Alan Author', role: 'author' },
  { email: 'author2@lectern.local', name: 'Grace Writer', role: 'author' },
  { email: 'moderator@lectern.local', name: 'Mo Moderator', role: 'moderator' },
  { email: 'student1@lectern.local', name: 'Sam Student', role: 'student' },
  { email: 'student2@lectern.local', name: 'Мария Иванова', role: 'student', locale: 'ru' },
  { email: 'student3@lectern.local', name: 'Lee Learner', role: 'student' },
];

const demoCourse = {
  slug: 'getting-started-with-lectern',
  title: 'Getting started with Lectern',
  shortDescription: 'A short tour of how courses, modules and lessons work.',
  level: 'beginner' as const,
  tags: ['lectern', 'tour'],
};

const demoOutline: { title: string; lessons: { title: string; type: 'text' | 'quiz' | 'homework' | 'video'; html?: string; free?: boolean }[] }[] = [
  {
    title: 'Welcome',
    lessons: [
      { title: 'What Lectern is', type: 'text', free: true, html: '<h2>Welcome</h2><p>Lectern is an open-source platform for online academies.</p>' },
      { title: 'How this course works', type: 'text', html: '<p>Lessons unlock in order. Each one says what counts as done.</p><ul><li>Read</li><li>Practise</li><li>Check yourself</li></ul>' },
    ],
  },
  {
    title: 'Building a course',
    lessons: [
      { title: 'Modules and lessons', type: 'text', html: '<p>Drag lessons between modules in the builder, or move them from the keyboard.</p>' },
      { title: 'Check yourself', type: 'quiz' },
      { title: 'Your first outline', type: 'homework' },
    ],
  },
];

/** Inserts whatever demo data is missing. Returns how many users were created. */
export async function seedDemoData(database: Database): Promise<{ createdUsers: number }> {
  const emails = demoUsers.map((u) => u.email);
  const existing = new Set((await database.select({ email: users.email }).from(users).where(inArray(users.email, emails))).map((r) => r.email));
  const missing = demoUsers.filter((u) => !existing.has(u.email));
  // Hashing is deliberately slow: done before the transaction, and only for accounts still missing.
  const rows = await Promise.all(missing.map(async (u) => ({ email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(DEMO_PASSWORD) })));

  return database.transaction(async (tx) => {
    const created = rows.length ? await tx.insert(users).values(rows).onConflictDoNothing({ target: users.email }).returning({ id: users.id }) : [];
    const ids = new Map((await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails))).map((r) => [r.email, r.id]));
    const idOf = (email: string) => ids.get(email)!;

    const prefs = demoUsers.filter((u) => u.locale).map((u) => ({ userId: idOf(u.email), locale: u.locale }));
    if (prefs.length) await tx.insert(userPreferences).values(prefs).onConflictDoNothing({ target: userPreferences.userId });

    const inserted = await tx
      .insert(courses)
      .values({ ...demoCourse, status: 'published', publishedAt: new Date(), createdById: idOf('author@lectern.local') })
      .onConflictDoNothing({ target: courses.slug })
      .returning({ id: courses.id });
    const [course] = await tx.select({ id: courses.id }).from(courses).where(eq(courses.slug, demoCourse.slug));
    // The outline and the first enrollment are made only with the course, never added twice.
    if (inserted.length) {
      for (const [m, mod] of demoOutline.entries()) {
        const [row] = await tx.insert(courseModules).values({ courseId: course!.id, title: mod.title, position: m }).returning({ id: courseModules.id });
        await tx.insert(lessons).values(
          mod.lessons.map((l, i) => ({ courseId: course!.id, moduleId: row!.id, title: l.title, type: l.type, position: i, status: 'published' as const, isFreePreview: Boolean(l.free), contentHtml: l.html ?? '', durationSeconds: 300 })),
        );
      }
      await tx.insert(enrollments).values({ courseId: course!.id, userId: idOf('student1@lectern.local'), source: 'staff' }).onConflictDoNothing();
    }
    await tx
      .insert(courseMembers)
      .values([
        { courseId: course!.id, userId: idOf('author@lectern.local'), role: 'owner' },
        { courseId: course!.id, userId: idOf('author2@lectern.local'), role: 'editor' },
      ])
      .onConflictDoNothing();
    return { createdUsers: created.length };
  });
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm run db:seed sets it for the embedded server).');
  // Known passwords must never reach a real deployment by accident.
  if (process.env.NODE_ENV === 'production') throw new Error('Refusing to create demo accounts with a known password while NODE_ENV=production.');
  const { db, sql } = createDb(url, { max: 1 });
  try {
    const { createdUsers } = await seedDemoData(db);
    console.log(`Demo data ready (${createdUsers} new users). Every account's password is: ${DEMO_PASSWORD}`);
    for (const u of demoUsers) console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(26)} ${u.name}${u.locale ? ` (prefers ${u.locale})` : ''}`);
    console.log(`  Course "${demoCourse.title}" (published, in the catalog): owner author@lectern.local, editor author2@lectern.local, student1 enrolled`);
  } finally {
    await sql.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(`Seeding failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
