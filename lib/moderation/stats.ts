import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses, moderationActions, moderationCases, moderationReports, users } from '@/db/schema';
import type { ModerationActionType, ReportReason } from './constants';
import type { ModerationStats, StatsRange } from './dto';
import { toCsv, type CsvValue } from '@/lib/csv';
import type { StatsRangeInput } from './schemas';

// Queue health for moderators and admins, computed on the fly over the chosen range (days in UTC).
// Every series is at most one point per day (≤ 366), well under what Recharts draws quickly.

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
const presetDays = { '7d': 7, '30d': 30, '90d': 90 } as const;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Resolves a preset or a custom range to inclusive UTC days, at most a year, `to` not before `from`. */
export function resolveRange(input: StatsRangeInput, now = new Date()): StatsRange {
  if (input.range === 'custom' && input.from && input.to) {
    let from = new Date(`${input.from}T00:00:00Z`);
    let to = new Date(`${input.to}T00:00:00Z`);
    if (!Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime())) {
      if (to < from) [from, to] = [to, from];
      if ((to.getTime() - from.getTime()) / DAY_MS >= MAX_DAYS) from = new Date(to.getTime() - (MAX_DAYS - 1) * DAY_MS);
      return { from: day(from), to: day(to), range: 'custom' };
    }
  }
  const n = presetDays[input.range === 'custom' ? '30d' : input.range];
  return { from: day(new Date(now.getTime() - (n - 1) * DAY_MS)), to: day(now), range: input.range === 'custom' ? '30d' : input.range };
}

const hours = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);

/** All chart series for the range. Caller: moderator or admin. */
export async function getModerationStats(range: StatsRange): Promise<ModerationStats> {
  const from = sql`${range.from}::date::timestamptz`;
  const end = sql`(${range.to}::date + 1)::timestamptz`;
  const [byDay, backlog, timings, actions, throughput, top] = await Promise.all([
    db.execute<{ day: string; reason: ReportReason; n: number }>(sql`
      select to_char(date_trunc('day', r.created_at at time zone 'UTC'), 'YYYY-MM-DD') as day, r.reason::text as reason, count(*)::int as n
      from ${moderationReports} r where r.created_at >= ${from} and r.created_at < ${end} group by 1, 2 order by 1`),
    db.execute<{ day: string; open: number }>(sql`
      select to_char(d, 'YYYY-MM-DD') as day,
        (select count(*)::int from ${moderationCases} c where c.created_at < d + interval '1 day' and (c.closed_at is null or c.closed_at >= d + interval '1 day')) as open
      from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') d order by d`),
    db.execute<{ metric: 'firstResponse' | 'resolution'; median: string | null; p90: string | null; n: number }>(sql`
      select 'firstResponse' as metric,
        percentile_cont(0.5) within group (order by extract(epoch from first_response_at - created_at) / 3600) as median,
        percentile_cont(0.9) within group (order by extract(epoch from first_response_at - created_at) / 3600) as p90,
        count(*)::int as n
      from ${moderationCases} where first_response_at is not null and created_at >= ${from} and created_at < ${end}
      union all
      select 'resolution',
        percentile_cont(0.5) within group (order by extract(epoch from closed_at - created_at) / 3600),
        percentile_cont(0.9) within group (order by extract(epoch from closed_at - created_at) / 3600),
        count(*)::int
      from ${moderationCases} where closed_at is not null and created_at >= ${from} and created_at < ${end}`),
    db.execute<{ type: ModerationActionType; n: number }>(sql`
      select type::text as type, count(*)::int as n from ${moderationActions} where created_at >= ${from} and created_at < ${end} group by 1 order by 2 desc`),
    db.execute<{ moderator: string; n: number }>(sql`
      select coalesce(nullif(u.name, ''), u.email, '—') as moderator, count(*)::int as n
      from ${moderationActions} a left join ${users} u on u.id = a.actor_id
      where a.created_at >= ${from} and a.created_at < ${end} group by 1 order by 2 desc limit 20`),
    db.execute<{ id: string; title: string; n: number }>(sql`
      select co.id, co.title, count(*)::int as n
      from ${moderationReports} r join ${moderationCases} c on c.id = r.case_id join ${courses} co on co.id = c.course_id
      where r.created_at >= ${from} and r.created_at < ${end} group by 1, 2 order by 3 desc, 2 limit 10`),
  ]);
  const days = new Map<string, { day: string } & Partial<Record<ReportReason, number>>>();
  for (const b of backlog) days.set(b.day, { day: b.day });
  for (const r of byDay) {
    const d = days.get(r.day);
    if (d) d[r.reason] = r.n;
  }
  return {
    range,
    reportsByDay: [...days.values()],
    backlog: Array.from(backlog, (b) => ({ day: b.day, open: b.open })),
    timings: Array.from(timings, (t) => ({ metric: t.metric, medianHours: hours(t.median), p90Hours: hours(t.p90), cases: t.n })),
    actionsByType: Array.from(actions, (a) => ({ type: a.type, count: a.n })),
    throughput: Array.from(throughput, (t) => ({ moderator: t.moderator, actions: t.n })),
    topCourses: Array.from(top, (t) => ({ courseId: t.id, title: t.title, reports: t.n })),
  };
}

/** Every series in one long table: series, key, sub-key, value. */
export function statsToCsv(s: ModerationStats) {
  const rows: CsvValue[][] = [];
  for (const d of s.reportsByDay) for (const [k, v] of Object.entries(d)) if (k !== 'day') rows.push(['reports_by_day', d.day, k, v]);
  for (const b of s.backlog) rows.push(['open_backlog', b.day, '', b.open]);
  for (const t of s.timings) rows.push(['time_to_' + t.metric, 'median_hours', '', t.medianHours], ['time_to_' + t.metric, 'p90_hours', '', t.p90Hours]);
  for (const a of s.actionsByType) rows.push(['actions_by_type', a.type, '', a.count]);
  for (const t of s.throughput) rows.push(['moderator_throughput', t.moderator, '', t.actions]);
  for (const c of s.topCourses) rows.push(['top_reported_courses', c.title, c.courseId, c.reports]);
  return toCsv(['series', 'key', 'subkey', 'value'], rows, { quoteAll: true });
}
