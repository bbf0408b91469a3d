// Value lists of the moderation domain, shared by the schema, zod schemas and client components
// (no imports here, so client bundles never pull in the ORM).

export const reportReasons = ['copyright', 'inappropriate', 'spam', 'misleading', 'broken', 'privacy', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

export const reportTargetTypes = ['course', 'lesson', 'homework_message', 'user'] as const;
export type ReportTargetType = (typeof reportTargetTypes)[number];

export const caseStatuses = ['open', 'in_review', 'resolved', 'dismissed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
/** A target has at most one case in these states; new reports join it. */
export const activeCaseStatuses = ['open', 'in_review'] as const satisfies readonly CaseStatus[];

export const moderationActionTypes = ['dismiss', 'hide_lesson', 'unpublish_course', 'remove_message', 'warn_owner', 'suspend_user', 'escalate'] as const;
export type ModerationActionType = (typeof moderationActionTypes)[number];

/** The actions that apply to each target type (dismiss, warn and escalate apply to all). */
export const actionsForTarget: Record<ReportTargetType, readonly ModerationActionType[]> = {
  course: ['dismiss', 'unpublish_course', 'warn_owner', 'suspend_user', 'escalate'],
  lesson: ['dismiss', 'hide_lesson', 'warn_owner', 'suspend_user', 'escalate'],
  homework_message: ['dismiss', 'remove_message', 'warn_owner', 'suspend_user', 'escalate'],
  user: ['dismiss', 'warn_owner', 'suspend_user', 'escalate'],
};

/** Actions only admins may take. */
export const adminOnlyActions: readonly ModerationActionType[] = ['suspend_user'];

/**
 * Queue order: a case's severity is the highest of its reports' reasons. Privacy and abuse first,
 * quality complaints last.
 */
export const reasonSeverity: Record<ReportReason, number> = {
  privacy: 5,
  inappropriate: 4,
  copyright: 4,
  spam: 3,
  misleading: 2,
  broken: 1,
  other: 1,
};

/** Reports one reporter (user, or anonymous email/IP) may file per minute. */
export const REPORTS_PER_MINUTE = 10;
export const DETAILS_MAX = 2000;
export const NOTE_MAX = 4000;
export const REASON_MAX = 1000;
export const SUSPEND_MAX_DAYS = 3650;
export const QUEUE_PAGE_SIZE = 25;
