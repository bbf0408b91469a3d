import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, type AnyPgColumn, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  courseLevels,
  courseMemberRoles,
  courseStatuses,
  courseVisibilities,
  enrollmentSources,
  enrollmentStatuses,
  lessonStatuses,
  lessonTypes,
  type CompletionRule,
} from '../../lib/course-constants';
import { videos } from './media';
import { users } from './users';

export { courseMemberRoles, courseStatuses, type CourseMemberRole } from '../../lib/course-constants';

export const courseStatus = pgEnum('course_status', courseStatuses);
export const courseVisibility = pgEnum('course_visibility', courseVisibilities);
export const courseLevel = pgEnum('course_level', courseLevels);
export const courseMemberRole = pgEnum('course_member_role', courseMemberRoles);
export const lessonType = pgEnum('lesson_type', lessonTypes);
export const lessonStatus = pgEnum('lesson_status', lessonStatuses);
export const enrollmentStatus = pgEnum('enrollment_status', enrollmentStatuses);
export const enrollmentSource = pgEnum('enrollment_source', enrollmentSources);

export const courses = pgTable(
  'courses',
  {
    id: uuid().primaryKey().defaultRandom(),
    title: text().notNull(),
    slug: text().notNull(),
    shortDescription: text().notNull().default(''),
    description: text().notNull().default(''),
    coverImageUrl: text(),
    language: text().notNull().default('en'),
    level: courseLevel().notNull().default('all'),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    status: courseStatus().notNull().default('draft'),
    visibility: courseVisibility().notNull().default('public'),
    // Bumped by every outline change; a move sent with an older version is a CONFLICT.
    outlineVersion: integer().notNull().default(0),
    // When on, a student opens lesson N+1 only after completing lesson N.
    isSequential: boolean().notNull().default(false),
    // Secret part of the invite link for private courses (regenerable).
    inviteToken: text(),
    publishedAt: timestamp({ withTimezone: true }),
    archivedAt: timestamp({ withTimezone: true }),
    /** Set when a moderator unpublished the course: its editors cannot publish it until that action is reverted. */
    moderationHeldAt: timestamp({ withTimezone: true }),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('courses_slug_key').on(t.slug),
    uniqueIndex('courses_invite_token_key').on(t.inviteToken),
    index('courses_catalog_idx').on(t.status, t.visibility, t.publishedAt),
    index('courses_tags_idx').using('gin', t.tags),
  ],
);

// Old slugs keep working: the landing page redirects them to the current one.
export const courseSlugHistory = pgTable('course_slug_history', {
  slug: text().primaryKey(),
  courseId: uuid()
    .notNull()
    .references(() => courses.id, { onDelete: 'cascade' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const courseMembers = pgTable(
  'course_members',
  {
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: courseMemberRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] }), index('course_members_user_idx').on(t.userId)],
);

// Positions are dense (0..n-1) per parent. Uniqueness is enforced by deferrable constraints added
// in the migration (a reorder rewrites several positions inside one transaction).
export const courseModules = pgTable(
  'course_modules',
  {
    id: uuid().primaryKey().defaultRandom(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    position: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_modules_course_idx').on(t.courseId, t.position), check('course_modules_position_nonneg', sql`${t.position} >= 0`)],
);

export const lessons = pgTable(
  'lessons',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Denormalized from the module so per-course checks need no join.
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    moduleId: uuid()
      .notNull()
      .references(() => courseModules.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    type: lessonType().notNull(),
    position: integer().notNull(),
    status: lessonStatus().notNull().default('draft'),
    isFreePreview: boolean().notNull().default(false),
    description: text().notNull().default(''),
    // Sanitized HTML of text lessons (sanitized on the server before it is stored).
    contentHtml: text().notNull().default(''),
    durationSeconds: integer(),
    // The video a student watches (video lessons). Set when an uploaded video becomes playable.
    videoId: uuid().references((): AnyPgColumn => videos.id, { onDelete: 'set null' }),
    completionRule: jsonb().$type<CompletionRule>().notNull().default({ kind: 'view' }),
    dripDays: integer(),
    dripDate: timestamp({ withTimezone: true }),
    // Set by a moderator: the lesson is refused to everyone but the course's staff until reverted.
    hiddenAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lessons_module_idx').on(t.moduleId, t.position),
    index('lessons_course_idx').on(t.courseId),
    check('lessons_position_nonneg', sql`${t.position} >= 0`),
    check('lessons_drip_days_range', sql`${t.dripDays} is null or (${t.dripDays} >= 0 and ${t.dripDays} <= 3650)`),
  ],
);

// Server-backed undo/redo: each outline change stores the intent that reverses it.
export const outlineChanges = pgTable(
  'outline_changes',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    kind: text().notNull(),
    forward: jsonb().notNull(),
    inverse: jsonb().notNull(),
    undoneAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outline_changes_course_actor_idx').on(t.courseId, t.actorId, t.id)],
);

export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid().primaryKey().defaultRandom(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: enrollmentStatus().notNull().default('active'),
    source: enrollmentSource().notNull(),
    enrolledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp({ withTimezone: true }),
    // Set when every published lesson of the course is complete for this student.
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('enrollments_course_user_key').on(t.courseId, t.userId), index('enrollments_user_idx').on(t.userId, t.status)],
);

// Emails invited to a private course before they have an account; claimed at sign-up/sign-in.
export const courseInvites = pgTable(
  'course_invites',
  {
    id: uuid().primaryKey().defaultRandom(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    invitedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('course_invites_course_email_key').on(t.courseId, t.email), index('course_invites_email_idx').on(t.email)],
);
