import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { caseStatuses, moderationActionTypes, reportReasons, reportTargetTypes } from '../../lib/moderation/constants';
import { courses } from './courses';
import { users } from './users';

export const reportReason = pgEnum('report_reason', reportReasons);
export const reportTargetType = pgEnum('report_target_type', reportTargetTypes);
export const caseStatus = pgEnum('case_status', caseStatuses);
export const moderationActionType = pgEnum('moderation_action_type', moderationActionTypes);

/**
 * One case per reported target while it is open or in review (partial unique index); reports of the
 * same target by different people join it. `version` is bumped by every change a moderator makes, and
 * each change names the version it was made on, so two moderators cannot both act on one case.
 */
export const moderationCases = pgTable(
  'moderation_cases',
  {
    id: uuid().primaryKey().defaultRandom(),
    targetType: reportTargetType().notNull(),
    // No foreign key: targets live in several tables and a case outlives a deleted target.
    targetId: uuid().notNull(),
    // The course the target belongs to (for filters and "top reported courses"); null for users.
    courseId: uuid().references(() => courses.id, { onDelete: 'set null' }),
    // Who is told about actions (course owner, message author, the reported user).
    ownerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    // Title shown in the queue, from the first report's snapshot.
    title: text().notNull().default(''),
    status: caseStatus().notNull().default('open'),
    severity: integer().notNull().default(1),
    reportCount: integer().notNull().default(0),
    assigneeId: uuid().references(() => users.id, { onDelete: 'set null' }),
    escalatedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    resolutionNote: text(),
    firstReportAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastReportAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('moderation_cases_active_target_key').on(t.targetType, t.targetId).where(sql`${t.status} in ('open', 'in_review')`),
    index('moderation_cases_queue_idx').on(t.status, t.severity, t.reportCount),
    index('moderation_cases_target_idx').on(t.targetType, t.targetId),
    index('moderation_cases_course_idx').on(t.courseId),
    index('moderation_cases_created_idx').on(t.createdAt),
  ],
);

/**
 * One row per reporter and case: a second report of the same target by the same person updates it
 * (`duplicates` counts the merges). Anonymous reports (public courses only) carry an email.
 */
export const moderationReports = pgTable(
  'moderation_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => moderationCases.id, { onDelete: 'cascade' }),
    reporterId: uuid().references(() => users.id, { onDelete: 'set null' }),
    reporterEmail: text(),
    reporterIp: text(),
    reason: reportReason().notNull(),
    details: text().notNull().default(''),
    evidenceUrl: text(),
    /** The target as the reporter saw it (title, text) at the time of the report. */
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    duplicates: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('moderation_reports_case_reporter_key').on(t.caseId, t.reporterId).where(sql`${t.reporterId} is not null`),
    uniqueIndex('moderation_reports_case_email_key').on(t.caseId, t.reporterEmail).where(sql`${t.reporterEmail} is not null`),
    index('moderation_reports_reporter_idx').on(t.reporterId, t.updatedAt),
    index('moderation_reports_email_idx').on(t.reporterEmail, t.updatedAt),
    index('moderation_reports_ip_idx').on(t.reporterIp, t.updatedAt),
    index('moderation_reports_created_idx').on(t.createdAt),
  ],
);

/** Internal notes on a case; never shown to reporters or owners. */
export const moderationNotes = pgTable(
  'moderation_notes',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    caseId: uuid()
      .notNull()
      .references(() => moderationCases.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('moderation_notes_case_idx').on(t.caseId, t.createdAt)],
);

/**
 * Every action taken on a case, with the target's and the case's state before and after, so a
 * revert can restore exactly what was there (and refuse when the state has moved on since).
 */
export const moderationActions = pgTable(
  'moderation_actions',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => moderationCases.id, { onDelete: 'cascade' }),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    type: moderationActionType().notNull(),
    reason: text().notNull(),
    before: jsonb().$type<Record<string, unknown>>().notNull(),
    after: jsonb().$type<Record<string, unknown>>().notNull(),
    revertedAt: timestamp({ withTimezone: true }),
    revertedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    revertReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('moderation_actions_case_idx').on(t.caseId, t.createdAt), index('moderation_actions_created_idx').on(t.createdAt), index('moderation_actions_actor_idx').on(t.actorId, t.createdAt)],
);
