import type { PersistedLogLevel } from '@/db/schema';

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export type SystemLogListItem = {
  id: number;
  level: PersistedLogLevel;
  source: string;
  /** Shortened for the table; the detail has the full text. */
  message: string;
  requestId: string | null;
  createdAt: string;
};

/** Same fields, with `message` in full. */
export type SystemLogDetail = SystemLogListItem & {
  userId: string | null;
  /** Email of `userId` when that user still exists. */
  userEmail: string | null;
  data: unknown;
};

export type AuditEventListItem = {
  id: number;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  createdAt: string;
};

export type AuditEventDetail = AuditEventListItem & { requestId: string | null; data: unknown };

/** Badge tone per level, shared by the list and the detail page. */
export const levelTone: Record<PersistedLogLevel, 'warning' | 'danger'> = { warn: 'warning', error: 'danger', fatal: 'danger' };
