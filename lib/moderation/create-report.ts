import 'server-only';
import { and, count, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditEvents, moderationCases, moderationReports } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { activeCaseStatuses, reasonSeverity, REPORTS_PER_MINUTE } from './constants';
import type { CreateReportInput } from './schemas';
import { reportableTarget } from './targets';

type Meta = { ip?: string; requestId?: string };

export const REPORT_FILED = 'moderation.report_filed';

/**
 * Files a report (caller: anyone; visitors who are not signed in need an email and may only report a
 * public course). One transaction: rate limit, find or open the target's active case, merge with the
 * reporter's earlier report in that case or add one, raise the case's severity and count, audit.
 */
export async function createReport(reporter: SessionUser | null, input: CreateReportInput, meta: Meta = {}) {
  if (!reporter) {
    if (input.targetType !== 'course') throw new AppError('UNAUTHENTICATED');
    if (!input.email) throw new AppError('VALIDATION', undefined, { fieldErrors: { email: ['validation.required'] } });
  }
  const email = reporter ? null : input.email;
  const ip = meta.ip ?? null;
  return db.transaction(async (tx) => {
    // One reporter's reports are serialized, so 20 parallel requests cannot all pass the count.
    const who = reporter ? `u:${reporter.id}` : `a:${email}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`report:${who}`}, 0))`);
    const mine = reporter ? eq(auditEvents.actorId, reporter.id) : and(isNull(auditEvents.actorId), or(sql`${auditEvents.data}->>'email' = ${email}`, ip ? eq(auditEvents.ip, ip) : undefined));
    const [recent] = await tx
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, REPORT_FILED), gt(auditEvents.createdAt, sql`now() - interval '1 minute'`), mine));
    if ((recent?.n ?? 0) >= REPORTS_PER_MINUTE) throw new AppError('RATE_LIMITED', undefined, { messageKey: 'rateLimited', retryAfterSeconds: 60 });

    const target = await reportableTarget(reporter, input.targetType, input.targetId, tx);
    if (!target) throw new AppError('NOT_FOUND');

    // Reports of one target meet in one active case: serialize on the target, then find or open it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`case:${target.type}:${target.id}`}, 0))`);
    let [kase] = await tx
      .select()
      .from(moderationCases)
      .where(and(eq(moderationCases.targetType, target.type), eq(moderationCases.targetId, target.id), inArray(moderationCases.status, [...activeCaseStatuses])))
      .for('update');
    if (!kase) {
      [kase] = await tx.insert(moderationCases).values({ targetType: target.type, targetId: target.id, courseId: target.courseId, ownerId: target.ownerId, title: target.title }).returning();
    }
    const caseId = kase!.id;

    const existing = await tx.query.moderationReports.findFirst({
      where: and(eq(moderationReports.caseId, caseId), reporter ? eq(moderationReports.reporterId, reporter.id) : eq(moderationReports.reporterEmail, email!)),
    });
    let reportId: string;
    if (existing) {
      // The same person again: one report, updated to what they said last (the first snapshot stays).
      await tx
        .update(moderationReports)
        .set({ reason: input.reason, details: input.details, evidenceUrl: input.evidenceUrl, duplicates: sql`${moderationReports.duplicates} + 1`, updatedAt: sql`now()` })
        .where(eq(moderationReports.id, existing.id));
      reportId = existing.id;
    } else {
      const [row] = await tx
        .insert(moderationReports)
        .values({ caseId, reporterId: reporter?.id ?? null, reporterEmail: email, reporterIp: ip, reason: input.reason, details: input.details, evidenceUrl: input.evidenceUrl, snapshot: target.snapshot })
        .returning({ id: moderationReports.id });
      reportId = row!.id;
    }
    await tx
      .update(moderationCases)
      .set({
        reportCount: existing ? kase!.reportCount : kase!.reportCount + 1,
        severity: sql`greatest(${moderationCases.severity}, ${reasonSeverity[input.reason]})`,
        lastReportAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(moderationCases.id, caseId));
    await writeAudit(tx, {
      actorId: reporter?.id ?? null,
      action: REPORT_FILED,
      targetType: target.type,
      targetId: target.id,
      data: { caseId, reportId, reason: input.reason, merged: Boolean(existing), ...(email ? { email } : {}) },
      ...meta,
    });
    return { reportId, caseId, merged: Boolean(existing) };
  });
}
