import 'server-only';
import { and, asc, between, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { courseDaily, courseModules, courses, lessons, videos } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { compareDailyMean, compareSum, denseDays, hours, ratio } from './daily';
import type { CohortRow, CourseAnalyticsDto, CourseDay, FunnelStep, HardQuestion, LessonRow, QuizRow, StudentListDto } from './dashboard-dto';
import { STUDENT_PAGE_SIZE, type StudentListInput } from './dashboard-schemas';
import { resolveRange, type DayRange } from './schemas';
import { canReadCourseAnalytics } from './video-queries';

const HARDEST = 10;
/** Enrollment months in the cohort table: two years. */
const COHORT_MONTHS = 24;

/**
 * The analytics access rule (`canReadCourseAnalytics`: admins, and authors who edit the
 * course) for an id from a URL: anything but a UUID of an existing course is refused.
 */
export async function canReadCourse(actor: SessionUser, courseId: string): Promise<boolean> {
  if (!z.uuid().safeParse(courseId).success || !(await canReadCourseAnalytics(actor, courseId))) return false;
  return Boolean(await db.query.courses.findFirst({ where: eq(courses.id, courseId), columns: { id: true } }));
}

/** Whether the video exists and belongs to the course. Caller has checked access to the course. */
export async function isCourseVideo(courseId: string, videoId: string): Promise<boolean> {
  if (!z.uuid().safeParse(videoId).success) return false;
  return Boolean(await db.query.videos.findFirst({ where: and(eq(videos.id, videoId), eq(videos.courseId, courseId)), columns: { id: true } }));
}

/** Published lessons of the course in outline order. Caller has checked access. */
export function publishedLessons(courseId: string) {
  return db
    .select({ id: lessons.id, title: lessons.title, type: lessons.type, videoId: lessons.videoId })
    .from(lessons)
    .innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
    .where(and(eq(lessons.courseId, courseId), eq(lessons.status, 'published')))
    .orderBy(asc(courseModules.position), asc(lessons.position));
}

/** `ts` falls on an analytics day of `r` (a timestamptz column or expression). */
const onDays = (ts: unknown, r: DayRange, tz: string) => sql`(${ts} at time zone ${tz})::date between ${r.from}::date and ${r.to}::date`;

/**
 * The course dashboard: daily roll-ups over the range compared with the previous period, the
 * funnel and per-lesson table of the students enrolled now, quizzes, hardest questions and
 * homework review times over the range. Null when the course does not exist or the actor may not
 * read it: every figure is scoped to `courseId` here, on the server.
 */
export async function getCourseAnalytics(actor: SessionUser, courseId: string, rangeInput: unknown, now = new Date()): Promise<CourseAnalyticsDto | null> {
  if (!(await canReadCourse(actor, courseId))) return null;
  const course = await db.query.courses.findFirst({ where: eq(courses.id, courseId), columns: { id: true, title: true, slug: true } });
  if (!course) return null;
  const timeZone = env.ANALYTICS_TIMEZONE;
  const { range, previous, preset } = resolveRange(rangeInput, timeZone, now);

  const [rows, lessonList, [students], progress, quizzes, hardest, [homework], cohorts] = await Promise.all([
    db.select().from(courseDaily).where(and(eq(courseDaily.courseId, courseId), between(courseDaily.day, previous.from, range.to))),
    publishedLessons(courseId),
    db.execute<{ enrolled: number; started: number; completed: number }>(sql`
      select count(*)::int as enrolled,
        (count(*) filter (where exists (select 1 from lesson_progress p where p.course_id = e.course_id and p.user_id = e.user_id)))::int as started,
        (count(*) filter (where e.completed_at is not null))::int as completed
      from enrollments e where e.course_id = ${courseId} and e.status = 'active'`),
    db.execute<{ lesson_id: string; started: number; completed: number; avg_coverage: number | null }>(sql`
      select p.lesson_id, count(*)::int as started, (count(*) filter (where p.status = 'completed'))::int as completed, avg(p.coverage)::float8 as avg_coverage
      from lesson_progress p
      join enrollments e on e.course_id = p.course_id and e.user_id = p.user_id and e.status = 'active'
      where p.course_id = ${courseId}
      group by p.lesson_id`),
    db.execute<{ lesson_id: string; attempts: number; students: number; passed_students: number; avg_percent: number | null }>(sql`
      select a.lesson_id, count(*)::int as attempts, count(distinct a.user_id)::int as students,
        count(distinct a.user_id) filter (where a.passed)::int as passed_students, avg(a.percent)::float8 as avg_percent
      from quiz_attempts a
      where a.course_id = ${courseId} and a.status = 'graded' and ${onDays(sql`a.submitted_at`, range, timeZone)}
      group by a.lesson_id`),
    db.execute<{ question_id: string; lesson_id: string; prompt: string; answered: number; correct_rate: number | null; avg_score: number | null }>(sql`
      select q.id as question_id, q.lesson_id, q.prompt, count(*)::int as answered,
        avg(case when r.value->>'correct' = 'true' then 1.0 when r.value->>'correct' = 'false' then 0.0 end)::float8 as correct_rate,
        avg((r.value->>'points')::float8 / nullif((r.value->>'max')::float8, 0))::float8 as avg_score
      from quiz_attempts a
      cross join lateral jsonb_each(coalesce(a.results, '{}'::jsonb)) r
      join quiz_questions q on q.id::text = r.key and q.lesson_id = a.lesson_id
      where a.course_id = ${courseId} and a.status = 'graded' and ${onDays(sql`a.submitted_at`, range, timeZone)}
      group by q.id, q.lesson_id, q.prompt
      order by avg_score asc nulls last, correct_rate asc nulls last, answered desc, q.id
      limit ${HARDEST}`),
    // Each submission message (first or resubmission) against the first teacher verdict after it.
    db.execute<{ submissions: number; reviewed: number; median: number | null; p90: number | null; waiting: number }>(sql`
      with subs as (
        select m.created_at,
          (select min(r.created_at) from homework_messages r
            where r.submission_id = m.submission_id and r.role = 'teacher' and r.kind in ('returned', 'accepted') and r.created_at >= m.created_at) as verdict_at
        from homework_messages m join homework_submissions s on s.id = m.submission_id
        where s.course_id = ${courseId} and m.role = 'student' and m.kind = 'submission' and ${onDays(sql`m.created_at`, range, timeZone)}
      )
      select count(*)::int as submissions, count(verdict_at)::int as reviewed,
        percentile_cont(0.5) within group (order by extract(epoch from verdict_at - created_at)) filter (where verdict_at is not null) as median,
        percentile_cont(0.9) within group (order by extract(epoch from verdict_at - created_at)) filter (where verdict_at is not null) as p90,
        (select count(*)::int from homework_submissions w where w.course_id = ${courseId} and w.status = 'submitted') as waiting
      from subs`),
    // The students enrolled now by month of enrollment (§6 #21 "student cohort"), newest first;
    // like the funnel, their state now, whatever the range.
    db.execute<{ cohort: string; enrolled: number; started: number; completed: number; lessons_done: number }>(sql`
      select to_char(date_trunc('month', e.enrolled_at at time zone ${timeZone}), 'YYYY-MM') as cohort,
        count(*)::int as enrolled,
        (count(*) filter (where exists (select 1 from lesson_progress p where p.course_id = e.course_id and p.user_id = e.user_id)))::int as started,
        (count(*) filter (where e.completed_at is not null))::int as completed,
        coalesce(sum((select count(*) from lesson_progress p join lessons l on l.id = p.lesson_id and l.status = 'published'
          where p.course_id = e.course_id and p.user_id = e.user_id and p.status = 'completed')), 0)::int as lessons_done
      from enrollments e where e.course_id = ${courseId} and e.status = 'active'
      group by 1 order by 1 desc limit ${COHORT_MONTHS}`),
  ]);

  const enrolled = students?.enrolled ?? 0;
  const byLesson = new Map(progress.map((p) => [p.lesson_id, p]));
  const lessonRows: LessonRow[] = [];
  let before = students?.started ?? 0;
  for (const l of lessonList) {
    const p = byLesson.get(l.id);
    const completed = p?.completed ?? 0;
    lessonRows.push({
      lessonId: l.id,
      title: l.title,
      type: l.type,
      videoId: l.videoId,
      started: p?.started ?? 0,
      completed,
      completionRate: ratio(completed, enrolled),
      dropOff: before > 0 ? Math.max(0, before - completed) / before : null,
      avgCoverage: l.type === 'video' && p ? (p.avg_coverage ?? 0) : null,
    });
    before = completed;
  }
  const funnel: FunnelStep[] = [
    { key: 'enrolled', lessonId: null, label: '', students: enrolled },
    { key: 'started', lessonId: null, label: '', students: students?.started ?? 0 },
    ...lessonRows.map((l) => ({ key: 'lesson' as const, lessonId: l.lessonId, label: l.title, students: l.completed })),
    { key: 'completed', lessonId: null, label: '', students: students?.completed ?? 0 },
  ];

  // Fetched newest first (to keep the latest months), shown oldest first like every time axis.
  const cohortRows: CohortRow[] = cohorts.toReversed().map((c) => ({
    cohort: c.cohort,
    enrolled: c.enrolled,
    started: c.started,
    completed: c.completed,
    startedRate: ratio(c.started, c.enrolled),
    completionRate: ratio(c.completed, c.enrolled),
    avgProgress: lessonList.length ? ratio(c.lessons_done, c.enrolled * lessonList.length) : null,
  }));

  const titles = new Map(lessonList.map((l) => [l.id, l.title]));
  const quizRows: QuizRow[] = lessonList
    .filter((l) => l.type === 'quiz')
    .map((l) => {
      const q = quizzes.find((r) => r.lesson_id === l.id);
      return { lessonId: l.id, title: l.title, attempts: q?.attempts ?? 0, students: q?.students ?? 0, passedStudents: q?.passed_students ?? 0, passRate: ratio(q?.passed_students ?? 0, q?.students ?? 0), avgPercent: q?.avg_percent ?? null };
    });
  const hardestQuestions: HardQuestion[] = hardest.map((h) => ({ questionId: h.question_id, lessonId: h.lesson_id, lessonTitle: titles.get(h.lesson_id) ?? '', prompt: h.prompt, answered: h.answered, correctRate: h.correct_rate, avgScore: h.avg_score }));

  const daily: CourseDay[] = denseDays(
    rows
      .filter((r) => r.day >= range.from)
      .map((r) => ({ day: r.day, enrollments: r.enrollments, activeStudents: r.activeStudents, lessonCompletions: r.lessonCompletions, courseCompletions: r.courseCompletions, quizAttempts: r.quizAttempts, homeworkSubmitted: r.homeworkSubmitted, watchHours: hours(r.watchSeconds) })),
    range,
    (day) => ({ day, enrollments: 0, activeStudents: 0, lessonCompletions: 0, courseCompletions: 0, quizAttempts: 0, homeworkSubmitted: 0, watchHours: 0 }),
  );
  const sum = (pick: (r: (typeof rows)[number]) => number) => compareSum(rows, range, previous, pick);
  const quizAttempts = sum((r) => r.quizAttempts);
  const quizPassed = sum((r) => r.quizPassed);
  return {
    range,
    previous,
    preset,
    timeZone,
    course,
    totals: {
      enrollments: sum((r) => r.enrollments),
      avgActiveStudents: compareDailyMean(rows, range, previous, (r) => r.activeStudents),
      lessonCompletions: sum((r) => r.lessonCompletions),
      courseCompletions: sum((r) => r.courseCompletions),
      quizAttempts,
      quizPassRate: { value: ratio(quizPassed.value, quizAttempts.value), previous: ratio(quizPassed.previous, quizAttempts.previous) },
      homeworkSubmitted: sum((r) => r.homeworkSubmitted),
      watchHours: sum((r) => hours(r.watchSeconds)),
    },
    daily,
    enrolledStudents: enrolled,
    funnel,
    cohorts: cohortRows,
    lessons: lessonRows,
    quizzes: quizRows,
    hardestQuestions,
    homework: {
      submissions: homework?.submissions ?? 0,
      reviewed: homework?.reviewed ?? 0,
      waiting: homework?.waiting ?? 0,
      medianSeconds: homework?.median == null ? null : Number(homework.median),
      p90Seconds: homework?.p90 == null ? null : Number(homework.p90),
    },
  };
}

/**
 * The students enrolled in the course now, with progress, last activity and coverage per published
 * lesson; searched by name/e-mail, sorted, paged (`pageSize` rows, or all up to it for the CSV).
 * Null when the actor may not read the course's analytics.
 */
export async function listCourseStudents(actor: SessionUser, courseId: string, input: StudentListInput, pageSize = STUDENT_PAGE_SIZE): Promise<StudentListDto | null> {
  if (!(await canReadCourse(actor, courseId))) return null;
  const lessonList = await publishedLessons(courseId);
  const search = input.q ? `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = sql`e.course_id = ${courseId} and e.status = 'active' ${search ? sql`and (u.name ilike ${search} or u.email ilike ${search})` : sql``}`;
  const dir = input.dir === 'asc' ? sql`asc` : sql`desc`;
  const order = {
    name: sql`lower(u.name) ${dir}, u.email ${dir}`,
    progress: sql`completed_lessons ${dir}, last_activity_at ${dir} nulls last`,
    lastActivity: sql`last_activity_at ${dir} nulls last`,
    enrolledAt: sql`e.enrolled_at ${dir}`,
  }[input.sort];
  const [rows, [total]] = await Promise.all([
    db.execute<{ user_id: string; name: string; email: string; enrolled_at: string; completed_at: string | null; completed_lessons: number; last_activity_at: string | null }>(sql`
      select u.id as user_id, u.name, u.email, e.enrolled_at, e.completed_at,
        (select count(*)::int from lesson_progress p join lessons l on l.id = p.lesson_id
          where p.user_id = u.id and p.course_id = e.course_id and p.status = 'completed' and l.status = 'published') as completed_lessons,
        (select max(p.updated_at) from lesson_progress p where p.user_id = u.id and p.course_id = e.course_id) as last_activity_at
      from enrollments e join users u on u.id = e.user_id
      where ${where}
      order by ${order}, u.id
      limit ${pageSize} offset ${(input.page - 1) * pageSize}`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from enrollments e join users u on u.id = e.user_id where ${where}`),
  ]);
  const ids = rows.map((r) => r.user_id);
  const progress = ids.length
    ? await db.execute<{ user_id: string; lesson_id: string; status: 'completed' | 'in_progress'; coverage: number }>(sql`
        select user_id, lesson_id, status, coverage from lesson_progress
        where course_id = ${courseId} and user_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)
    : [];
  const byKey = new Map(progress.map((p) => [`${p.user_id}:${p.lesson_id}`, p]));
  const iso = (v: string | Date | null) => (v ? new Date(v).toISOString() : null);
  return {
    lessons: lessonList.map((l) => ({ id: l.id, title: l.title, type: l.type })),
    students: rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      enrolledAt: iso(r.enrolled_at)!,
      completedAt: iso(r.completed_at),
      completedLessons: Math.min(r.completed_lessons, lessonList.length),
      progress: lessonList.length ? Math.min(1, r.completed_lessons / lessonList.length) : 0,
      lastActivityAt: iso(r.last_activity_at),
      lessons: lessonList.map((l) => {
        const p = byKey.get(`${r.user_id}:${l.id}`);
        if (!p) return { lessonId: l.id, status: null, coverage: null };
        return { lessonId: l.id, status: p.status, coverage: l.type === 'video' ? p.coverage : p.status === 'completed' ? 1 : 0 };
      }),
    })),
    total: total?.n ?? 0,
    page: input.page,
    pageSize,
  };
}
