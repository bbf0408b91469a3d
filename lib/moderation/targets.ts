import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Database, Tx } from '@/db/factory';
import { courseMembers, courses, homeworkMessages, homeworkSubmissions, lessons, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { threadRoleFor } from '@/lib/homework/access';
import { getCourseProgressView } from '@/lib/learning/access';
import type { ReportTargetType } from './constants';
import type { TargetSnapshot } from './dto';

// What a reported thing is: its title and text (the snapshot kept with each report, and the current
// version the case page shows next to it), the course it belongs to and its owner (who is told about
// actions). Reporters can only report what they can see; anything else is NOT_FOUND.

export type ResolvedTarget = {
  type: ReportTargetType;
  id: string;
  courseId: string | null;
  ownerId: string | null;
  title: string;
  snapshot: TargetSnapshot;
};

const TEXT_MAX = 20_000;
const cut = (s: string) => (s.length > TEXT_MAX ? `${s.slice(0, TEXT_MAX)}…` : s);

async function courseOwner(database: Database | Tx, courseId: string, fallback: string | null) {
  const row = await database.query.courseMembers.findFirst({ where: and(eq(courseMembers.courseId, courseId), eq(courseMembers.role, 'owner')), columns: { userId: true } });
  return row?.userId ?? fallback;
}

/** The target as it is now, whoever looks (moderators' view); null when it no longer exists. */
export async function loadTarget(type: ReportTargetType, id: string, database: Database | Tx = db): Promise<ResolvedTarget | null> {
  switch (type) {
    case 'course': {
      const c = await database.query.courses.findFirst({ where: eq(courses.id, id) });
      if (!c) return null;
      return {
        type,
        id,
        courseId: c.id,
        ownerId: await courseOwner(database, c.id, c.createdById),
        title: c.title,
        snapshot: { kind: 'course', title: c.title, text: cut(`${c.shortDescription}\n\n${c.description}`.trim()), status: c.status, visibility: c.visibility, slug: c.slug },
      };
    }
    case 'lesson': {
      const [l] = await database
        .select({ l: lessons, courseTitle: courses.title, slug: courses.slug, createdById: courses.createdById })
        .from(lessons)
        .innerJoin(courses, eq(courses.id, lessons.courseId))
        .where(eq(lessons.id, id));
      if (!l) return null;
      return {
        type,
        id,
        courseId: l.l.courseId,
        ownerId: await courseOwner(database, l.l.courseId, l.createdById),
        title: l.l.title,
        snapshot: { kind: 'lesson', title: l.l.title, html: cut(l.l.contentHtml), text: l.l.description, status: l.l.status, hidden: l.l.hiddenAt !== null, courseTitle: l.courseTitle, slug: l.slug },
      };
    }
    case 'homework_message': {
      const [m] = await database
        .select({ m: homeworkMessages, courseId: homeworkSubmissions.courseId, studentId: homeworkSubmissions.studentId, lessonTitle: lessons.title, authorName: users.name })
        .from(homeworkMessages)
        .innerJoin(homeworkSubmissions, eq(homeworkSubmissions.id, homeworkMessages.submissionId))
        .innerJoin(lessons, eq(lessons.id, homeworkSubmissions.lessonId))
        .leftJoin(users, eq(users.id, homeworkMessages.authorId))
        .where(eq(homeworkMessages.id, id));
      if (!m) return null;
      return {
        type,
        id,
        courseId: m.courseId,
        ownerId: m.m.authorId,
        title: m.lessonTitle,
        snapshot: { kind: 'homework_message', title: m.lessonTitle, html: cut(m.m.bodyHtml), author: m.authorName ?? '', removed: m.m.removedAt !== null, studentId: m.studentId },
      };
    }
    case 'user': {
      const u = await database.query.users.findFirst({ where: eq(users.id, id), columns: { id: true, name: true, role: true, blockedAt: true } });
      if (!u) return null;
      return { type, id, courseId: null, ownerId: u.id, title: u.name || '—', snapshot: { kind: 'user', title: u.name, role: u.role, blocked: u.blockedAt !== null } };
    }
  }
}

/**
 * The target when `reporter` may see it (and so report it); null otherwise. Visitors who are not
 * signed in may only report a published public course.
 */
export async function reportableTarget(reporter: SessionUser | null, type: ReportTargetType, id: string, database: Database | Tx = db): Promise<ResolvedTarget | null> {
  const target = await loadTarget(type, id, database);
  if (!target) return null;
  const snap = target.snapshot;
  switch (snap.kind) {
    case 'course': {
      if (!reporter) return snap.status === 'published' && snap.visibility === 'public' ? target : null;
      return (await getCourseProgressView(reporter, target.courseId!, database)) ? target : null;
    }
    case 'lesson': {
      if (!reporter) return null;
      const view = await getCourseProgressView(reporter, target.courseId!, database);
      return view?.lessons.some((l) => l.id === id) ? target : null;
    }
    case 'homework_message': {
      if (!reporter || snap.removed) return null;
      return (await threadRoleFor(reporter, target.courseId!, snap.studentId)) ? target : null;
    }
    case 'user':
      return reporter && reporter.id !== id ? target : null;
  }
}
