import { z } from 'zod';
import { logLevels } from '@/db/schema';

// Filters come straight from the URL: every field falls back to "not set" instead of failing,
// so a hand-edited or stale link still renders the page.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses `2024-05-01`, a `datetime-local` value (`2024-05-01T10:30`) or a full ISO string.
 * Without an offset the value is UTC (the app formats every time in UTC). `end` returns the last
 * millisecond of the unit the value names, so `to=2024-05-01` includes that whole day.
 */
export function parseInstant(raw: string, end = false): Date | null {
  const m = DATE_RE.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const parts = { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h ?? 0), mi: Number(mi ?? 0), s: Number(s ?? 0), ms: Number((frac ?? '0').slice(0, 3).padEnd(3, '0')) };
  if (parts.y < 1000 || parts.h > 23 || parts.mi > 59 || parts.s > 59) return null;
  const local = new Date(Date.UTC(parts.y, parts.mo - 1, parts.d, parts.h, parts.mi, parts.s, parts.ms));
  // Date.UTC rolls 2024-02-31 over into March: reject instead.
  if (local.getUTCFullYear() !== parts.y || local.getUTCMonth() !== parts.mo - 1 || local.getUTCDate() !== parts.d) return null;
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2));
    if (hours > 23 || minutes > 59) return null;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const unit = frac !== undefined ? 1 : s !== undefined ? 1_000 : mi !== undefined ? 60_000 : 86_400_000;
  return new Date(local.getTime() - offsetMin * 60_000 + (end ? unit - 1 : 0));
}

const instant = (end: boolean) =>
  z
    .string()
    .max(40)
    .transform((v, ctx) => {
      const d = parseInstant(v, end);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: 'validation.invalid' });
        return z.NEVER;
      }
      return d;
    })
    .optional()
    .catch(undefined);

/** The value a `datetime-local` input shows for a filter date (UTC, minute precision). */
export const toDateTimeLocal = (d: Date | undefined) => (d ? d.toISOString().slice(0, 16) : '');

const page = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);
const q = z.string().trim().max(200).optional().catch(undefined);

export const listSystemLogsSchema = z.object({
  level: z.enum(logLevels).optional().catch(undefined),
  source: z.string().trim().min(1).max(100).optional().catch(undefined),
  userId: z.uuid().optional().catch(undefined),
  from: instant(false),
  to: instant(true),
  q,
  page,
});
export type ListSystemLogsInput = z.infer<typeof listSystemLogsSchema>;

export const listAuditEventsSchema = z.object({
  /** Prefix: `user.` matches `user.role_changed`. */
  action: z.string().trim().min(1).max(100).optional().catch(undefined),
  actorId: z.uuid().optional().catch(undefined),
  targetId: z.string().trim().min(1).max(200).optional().catch(undefined),
  from: instant(false),
  to: instant(true),
  q,
  page,
});
export type ListAuditEventsInput = z.infer<typeof listAuditEventsSchema>;

/** Route segment `[id]` of a log or audit event: a positive bigserial that fits a JS number. */
export const logIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number)
  .refine(Number.isSafeInteger);
