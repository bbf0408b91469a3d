import type { PlatformRole } from '@/lib/constants';
import type { CaseStatus, ModerationActionType, ReportReason, ReportTargetType } from './constants';
import type { StatsRangeInput } from './schemas';

/** The reported content as text: kept with each report (as the reporter saw it) and read again for the case page. */
export type TargetSnapshot =
  | { kind: 'course'; title: string; text: string; status: string; visibility: string; slug: string }
  | { kind: 'lesson'; title: string; html: string; text: string; status: string; hidden: boolean; courseTitle: string; slug: string }
  | { kind: 'homework_message'; title: string; html: string; author: string; removed: boolean; studentId: string }
  | { kind: 'user'; title: string; role: string; blocked: boolean };

export type PersonRef = { id: string; name: string; email: string };

export type QueueItem = {
  id: string;
  targetType: ReportTargetType;
  title: string;
  status: CaseStatus;
  severity: number;
  reportCount: number;
  reasons: ReportReason[];
  assignee: PersonRef | null;
  escalated: boolean;
  version: number;
  firstReportAt: string;
  lastReportAt: string;
};

export type QueuePage = { items: QueueItem[]; total: number; page: number; pageSize: number };

export type CaseReport = {
  id: string;
  reporter: { id: string | null; name: string | null; email: string | null };
  reason: ReportReason;
  details: string;
  evidenceUrl: string | null;
  snapshot: TargetSnapshot;
  duplicates: number;
  createdAt: string;
  updatedAt: string;
};

export type CaseAction = {
  id: string;
  type: ModerationActionType;
  reason: string;
  actor: PersonRef | null;
  createdAt: string;
  revertedAt: string | null;
  revertedBy: PersonRef | null;
  revertReason: string | null;
  /** Only the latest standing action can be reverted (reverts unwind in order). */
  canRevert: boolean;
  suspendedUntil: string | null;
};

export type CaseNote = { id: number; author: PersonRef | null; body: string; createdAt: string };

export type CaseHistoryItem = { id: string; status: CaseStatus; reportCount: number; createdAt: string; actions: { type: ModerationActionType; reverted: boolean; createdAt: string }[] };

export type CaseOwner = PersonRef & { role: PlatformRole; blocked: boolean; blockedUntil: string | null; createdAt: string; casesAsOwner: number };

export type CaseDetail = {
  id: string;
  targetType: ReportTargetType;
  targetId: string;
  title: string;
  status: CaseStatus;
  severity: number;
  reportCount: number;
  version: number;
  escalated: boolean;
  assignee: PersonRef | null;
  resolutionNote: string | null;
  firstReportAt: string;
  closedAt: string | null;
  courseId: string | null;
  /** Null when the target was deleted. */
  current: TargetSnapshot | null;
  reports: CaseReport[];
  notes: CaseNote[];
  actions: CaseAction[];
  history: CaseHistoryItem[];
  owner: CaseOwner | null;
  /** Prev/next open cases in queue order, for keyboard triage. */
  prevId: string | null;
  nextId: string | null;
};

export type MyReport = {
  id: string;
  targetType: ReportTargetType;
  title: string;
  reason: ReportReason;
  caseStatus: CaseStatus;
  /** The standing action that closed the case, if any. */
  outcome: ModerationActionType | null;
  createdAt: string;
};

export type StaffOption = { id: string; name: string; email: string; role: PlatformRole };

/** A resolved date range: inclusive UTC days. */
export type StatsRange = { from: string; to: string; range: StatsRangeInput['range'] };

/** Every chart's series over one range. */
export type ModerationStats = {
  range: StatsRange;
  reportsByDay: ({ day: string } & Partial<Record<ReportReason, number>>)[];
  backlog: { day: string; open: number }[];
  timings: { metric: 'firstResponse' | 'resolution'; medianHours: number | null; p90Hours: number | null; cases: number }[];
  actionsByType: { type: ModerationActionType; count: number }[];
  throughput: { moderator: string; actions: number }[];
  topCourses: { courseId: string; title: string; reports: number }[];
};

