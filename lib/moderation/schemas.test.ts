import { describe, expect, it } from 'vitest';
import { createReportSchema, moderationAuditFilterSchema, queueFilterSchema, takeActionSchema } from './schemas';

const id = '7f8a0d6e-3b1c-4d2e-9f10-1a2b3c4d5e6f';
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('moderation schemas', () => {
  it('accepts a report with a listed reason and normalizes empty optional fields', () => {
    const r = createReportSchema.parse({ targetType: 'lesson', targetId: id, reason: 'spam', evidenceUrl: '', email: '' });
    expect(r).toEqual({ targetType: 'lesson', targetId: id, reason: 'spam', details: '', evidenceUrl: null, email: null });
    expect(createReportSchema.parse({ targetType: 'course', targetId: id, reason: 'copyright', email: 'Visitor@Example.com' }).email).toBe('visitor@example.com');
  });

  it('refuses reasons and targets outside the lists, "other" without details, and non-http evidence', () => {
    expect(issues(createReportSchema.safeParse({ targetType: 'video', targetId: id, reason: 'rude' }))).toEqual([
      ['targetType', 'moderation.badTarget'],
      ['reason', 'moderation.badReason'],
    ]);
    expect(issues(createReportSchema.safeParse({ targetType: 'course', targetId: id, reason: 'other' }))).toEqual([['details', 'moderation.detailsRequired']]);
    expect(issues(createReportSchema.safeParse({ targetType: 'course', targetId: id, reason: 'spam', evidenceUrl: 'ftp://x.org/a' }))).toEqual([['evidenceUrl', 'moderation.badUrl']]);
  });

  it('treats an empty suspension length as permanent and bounds it', () => {
    expect(takeActionSchema.parse({ caseId: id, expectedVersion: '3', type: 'suspend_user', reason: 'x', suspendDays: '' }).suspendDays).toBeUndefined();
    expect(issues(takeActionSchema.safeParse({ caseId: id, expectedVersion: 3, type: 'suspend_user', reason: 'x', suspendDays: 0 }))).toEqual([['suspendDays', 'moderation.suspendDaysRange']]);
    expect(issues(takeActionSchema.safeParse({ caseId: id, expectedVersion: 3, type: 'dismiss', reason: '  ' }))).toEqual([['reason', 'validation.required']]);
  });

  it('falls back to defaults for hand-edited queue and audit URLs', () => {
    expect(queueFilterSchema.parse({ status: 'weird', sort: 'x', page: '-2', assignee: 'bob' })).toMatchObject({ status: 'active', sort: 'priority', page: 1, assignee: undefined });
    const f = moderationAuditFilterSchema.parse({ action: 'moderation.revert.hide_lesson', from: '2026-03-01', to: '2026-03-01T10:30', actorId: 'nope' });
    expect(f).toMatchObject({ action: 'moderation.revert.hide_lesson', actorId: undefined });
    expect(f.from!.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(f.to!.toISOString()).toBe('2026-03-01T10:30:59.999Z');
    expect(moderationAuditFilterSchema.parse({ action: 'user.blocked' }).action).toBeUndefined();
  });
});
