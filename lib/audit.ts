import 'server-only';
import type { Database, Tx } from '@/db/factory';
import { auditEvents } from '@/db/schema';

export type AuditInput = {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  ip?: string;
  requestId?: string;
};

/** Writes one audit event. Pass the transaction of the change it records so both commit together. */
export async function writeAudit(tx: Tx | Database, e: AuditInput) {
  await tx.insert(auditEvents).values({
    actorId: e.actorId,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    data: e.data ?? null,
    ip: e.ip ?? null,
    requestId: e.requestId ?? null,
  });
}
