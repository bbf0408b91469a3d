import 'server-only';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/factory';
import { enrollments, lessonProgress, lessons, type WatchedIntervals } from '@/db/schema';
import type { CompletionRule } from '@/lib/course-constants';
import { mergeIntervals, totalLength, type Interval } from './intervals';

// Lesson completion. A rule decides when a lesson is done: `view` (the student marks it done),
// `video_coverage` (computed from the union of watched seconds), `quiz_passed` and
// `homework_accepted` (decided by the assessments module, which registers a checker here).

type Checker = (tx: Tx, userId: string, lessonId: string) => Promise<boolean>;
const checkers: Partial<Record<CompletionRule['kind'], Checker>> = {};

/** Lets another module decide a rule (e.g. `quiz_passed`); the learning module stays unaware of quizzes. */
export function registerCompletionChecker(kind: 'quiz_passed' | 'homework_accepted', check: Checker) {
  checkers[kind] = check;
}

/** Whether the rule is met by what the server knows. `view` is met only by an explicit "mark complete". */
export async function isRuleMet(tx: Tx, rule: CompletionRule, p: { userId: string; lessonId: string; coverage: number }): Promise<boolean> {
  switch (rule.kind) {
    case 'video_coverage':
      return p.coverage * 100 >= rule.percent - 1e-9;
    case 'view':
      return false;
    default: {
      const check = checkers[rule.kind];
      return check ? check(tx, p.userId, p.lessonId) : false;
    }
  }
}

/**
 * Marks the lesson complete (idempotent) and, when it was the course's last published lesson left,
 * the enrollment too. Runs in the caller's transaction.
 */
export async function completeLesson(tx: Tx, userId: string, lessonId: string, courseId: string) {
  await tx
    .insert(lessonProgress)
    .values({ userId, lessonId, courseId, status: 'completed', completedAt: new Date() })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonId],
      set: { status: 'completed', completedAt: sql`coalesce(${lessonProgress.completedAt}, now())`, updatedAt: new Date() },
    });
  await updateCourseCompletion(tx, userId, courseId);
}

/** Sets (or clears) the enrollment's completion from the published lessons' progress. */
export async function updateCourseCompletion(tx: Tx, userId: string, courseId: string) {
  const [{ left } = { left: 1 }] = await tx
    .select({ left: count() })
    .from(lessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId), eq(lessonProgress.status, 'completed')))
    .where(and(eq(lessons.courseId, courseId), eq(lessons.status, 'published'), isNull(lessons.hiddenAt), sql`${lessonProgress.lessonId} is null`));
  await tx
    .update(enrollments)
    .set({ completedAt: left === 0 ? sql`coalesce(${enrollments.completedAt}, now())` : null })
    .where(and(eq(enrollments.courseId, courseId), eq(enrollments.userId, userId), eq(enrollments.status, 'active')));
}

export type WatchUpdate = {
  userId: string;
  lessonId: string;
  courseId: string;
  durationSeconds: number;
  intervals: Interval[];
  watchSeconds: number;
  lastPosition: number | null;
};

export type ProgressResult = { coverage: number; completed: boolean; lastPosition: number };

/**
 * Folds accepted watch segments into the students' lesson progress: one locking read and one upsert
 * for all (student, lesson) pairs of a flush, then completion for those whose rule became met.
 */
export async function applyWatchUpdates(tx: Tx, updates: WatchUpdate[]): Promise<Map<string, ProgressResult>> {
  const results = new Map<string, ProgressResult>();
  if (!updates.length) return results;
  const keyOf = (u: { userId: string; lessonId: string }) => `${u.userId}:${u.lessonId}`;
  // Rows are locked in a fixed order so concurrent flushes cannot deadlock.
  const sorted = [...updates].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  await tx
    .insert(lessonProgress)
    .values(sorted.map((u) => ({ userId: u.userId, lessonId: u.lessonId, courseId: u.courseId })))
    .onConflictDoNothing();
  const current = await tx.execute<{ user_id: string; lesson_id: string; status: string; intervals: WatchedIntervals; watch_seconds: number; completion_rule: CompletionRule }>(sql`
    select p.user_id, p.lesson_id, p.status, p.intervals, p.watch_seconds, l.completion_rule
    from lesson_progress p join lessons l on l.id = p.lesson_id
    where p.user_id = any(${sql.param([...new Set(sorted.map((u) => u.userId))])}::uuid[])
      and (p.user_id, p.lesson_id) in (select user_id, lesson_id from jsonb_to_recordset(${JSON.stringify(sorted.map((u) => ({ user_id: u.userId, lesson_id: u.lessonId })))}::jsonb) as x(user_id uuid, lesson_id uuid))
    order by p.user_id, p.lesson_id
    for update of p`);
  const byKey = new Map(current.map((r) => [`${r.user_id}:${r.lesson_id}`, r]));

  const rows: { userId: string; lessonId: string; intervals: WatchedIntervals; covered: number; coverage: number; watch: number; position: number | null }[] = [];
  const newlyMet: WatchUpdate[] = [];
  for (const u of sorted) {
    const cur = byKey.get(keyOf(u));
    if (!cur) continue;
    const merged = mergeIntervals(cur.intervals, u.intervals);
    const covered = totalLength(merged);
    const coverage = u.durationSeconds > 0 ? Math.min(1, covered / u.durationSeconds) : 0;
    rows.push({ userId: u.userId, lessonId: u.lessonId, intervals: merged, covered, coverage, watch: cur.watch_seconds + u.watchSeconds, position: u.lastPosition });
    const completed = cur.status === 'completed';
    if (!completed && (await isRuleMet(tx, cur.completion_rule, { userId: u.userId, lessonId: u.lessonId, coverage }))) newlyMet.push(u);
    results.set(keyOf(u), { coverage, completed, lastPosition: u.lastPosition ?? 0 });
  }
  if (rows.length) {
    await tx.execute(sql`
      update lesson_progress p set
        intervals = v.intervals, covered_seconds = v.covered, coverage = v.coverage, watch_seconds = v.watch,
        last_position = coalesce(v.position, p.last_position), updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ user_id: r.userId, lesson_id: r.lessonId, intervals: r.intervals, covered: r.covered, coverage: r.coverage, watch: r.watch, position: r.position })))}::jsonb)
        as v(user_id uuid, lesson_id uuid, intervals jsonb, covered real, coverage real, watch real, position real)
      where p.user_id = v.user_id and p.lesson_id = v.lesson_id`);
  }
  for (const u of newlyMet) {
    await completeLesson(tx, u.userId, u.lessonId, u.courseId);
    const r = results.get(keyOf(u));
    if (r) r.completed = true;
  }
  return results;
}
