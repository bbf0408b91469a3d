import { z } from 'zod';
import { caseStatuses, DETAILS_MAX, moderationActionTypes, NOTE_MAX, REASON_MAX, reportReasons, reportTargetTypes, SUSPEND_MAX_DAYS } from './constants';

const id = z.uuid('validation.invalid');
const version = z.coerce.number().int().min(1);
/** Every moderator decision carries a reason (shown to the owner for actions, kept in the audit). */
const reason = z.string().trim().min(1, 'validation.required').max(REASON_MAX, 'validation.tooLong');

export const createReportSchema = z
  .object({
    targetType: z.enum(reportTargetTypes, 'moderation.badTarget'),
    targetId: id,
    reason: z.enum(reportReasons, 'moderation.badReason'),
    details: z.string().trim().max(DETAILS_MAX, 'validation.tooLong').default(''),
    evidenceUrl: z
      .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'moderation.badUrl' }).max(2000, 'validation.tooLong')])
      .optional()
      .transform((v) => v || null),
    /** Only for visitors who are not signed in (public courses). */
    email: z
      .union([z.literal(''), z.email('validation.emailInvalid').max(254, 'validation.tooLong')])
      .optional()
      .transform((v) => (v ? v.toLowerCase() : null)),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.details) ctx.addIssue({ code: 'custom', path: ['details'], message: 'moderation.detailsRequired' });
  });
export type CreateReportInput = z.infer<typeof createReportSchema>;

export const assignCaseSchema = z.object({
  caseId: id,
  expectedVersion: version,
  /** Omitted: the actor takes the case. Null: the case goes back to the queue. */
  assigneeId: id.nullable().optional(),
});
export type AssignCaseInput = z.infer<typeof assignCaseSchema>;

export const addNoteSchema = z.object({ caseId: id, body: z.string().trim().min(1, 'validation.required').max(NOTE_MAX, 'validation.tooLong') });
export type AddNoteInput = z.infer<typeof addNoteSchema>;

export const takeActionSchema = z
  .object({
    caseId: id,
    expectedVersion: version,
    type: z.enum(moderationActionTypes, 'validation.invalid'),
    reason,
    /** suspend_user only: days, or empty for a permanent suspension. */
    suspendDays: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(1, 'moderation.suspendDaysRange').max(SUSPEND_MAX_DAYS, 'moderation.suspendDaysRange').optional()),
  });
export type TakeActionInput = z.infer<typeof takeActionSchema>;

export const revertActionSchema = z.object({ actionId: id, expectedVersion: version, reason });
export type RevertActionInput = z.infer<typeof revertActionSchema>;

export const bulkCasesSchema = z.object({
  cases: z.array(z.object({ caseId: id, expectedVersion: version })).min(1).max(100),
  operation: z.enum(['assign_me', 'dismiss']),
  reason: z.string().trim().max(REASON_MAX, 'validation.tooLong').default(''),
});
export type BulkCasesInput = z.infer<typeof bulkCasesSchema>;

// Queue filters come from the URL: every field falls back to "not set" instead of failing.
export const queueSorts = ['priority', 'newest', 'oldest', 'reports'] as const;
export const caseAges = ['1d', '7d', '30d'] as const;
export const queueFilterSchema = z.object({
  status: z.enum([...caseStatuses, 'active', 'all']).catch('active').default('active'),
  reason: z.enum(reportReasons).optional().catch(undefined),
  targetType: z.enum(reportTargetTypes).optional().catch(undefined),
  courseId: id.optional().catch(undefined),
  /** `me`, `none` or a user id. */
  assignee: z.union([z.enum(['me', 'none']), id]).optional().catch(undefined),
  /** Older than. */
  age: z.enum(caseAges).optional().catch(undefined),
  escalated: z.enum(['1']).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(queueSorts).catch('priority').default('priority'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const rangePresets = ['7d', '30d', '90d', 'custom'] as const;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
export const statsRangeSchema = z.object({ range: z.enum(rangePresets).catch('30d').default('30d'), from: day, to: day });
export type StatsRangeInput = z.infer<typeof statsRangeSchema>;

/** The audit actions moderation writes (`moderation.<action>` and `moderation.revert.<action>`). */
export const moderationAuditActions = [
  'moderation.report_filed',
  'moderation.assign',
  'moderation.note',
  ...moderationActionTypes.map((a) => `moderation.${a}` as const),
  ...moderationActionTypes.map((a) => `moderation.revert.${a}` as const),
] as const;

// A day (`2026-05-01`) or a `datetime-local` value, in UTC like every time the app shows; `end`
// makes it the last millisecond of that day or minute. (Not lib/logs/schemas' parser: this file is
// also bundled for the browser, and that one imports the database schema.)
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/;
const instant = (end: boolean) =>
  z
    .string()
    .max(40)
    .transform((v) => {
      const m = INSTANT_RE.exec(v.trim());
      if (!m) return undefined;
      const d = new Date(`${m[1]}T${m[2] ?? '00:00'}:00Z`);
      if (Number.isNaN(d.getTime())) return undefined;
      return end ? new Date(d.getTime() + (m[2] ? 60_000 : 86_400_000) - 1) : d;
    })
    .optional()
    .catch(undefined);

export const moderationAuditFilterSchema = z.object({
  actorId: id.optional().catch(undefined),
  action: z.enum(moderationAuditActions).optional().catch(undefined),
  from: instant(false),
  to: instant(true),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type ModerationAuditFilter = z.infer<typeof moderationAuditFilterSchema>;
