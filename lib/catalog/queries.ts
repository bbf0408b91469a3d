import 'server-only';
import { and, arrayContains, asc, count, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { courseMembers, courseModules, courses, courseSlugHistory, enrollments, lessons, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { inviteTokenMatches } from '@/lib/enrollments/invite-token';
import type { CatalogFacets, CatalogPage, CourseLanding, LandingModule, LandingResult } from './dto';
import { CATALOG_PAGE_SIZE, inviteTokenSchema, type CatalogQuery } from './schemas';

// Search is a case-insensitive substring match (ILIKE with escaped wildcards) over the title,
// the short description and the tags, not full-text search: the catalog holds at most a few
// thousand listed courses, titles are short and in any language (a `simple` tsvector would not
// stem Russian either, and would miss partial words such as "java" in "JavaScript"), and a
// learner typing part of a word expects it to match. The scan runs only over the rows left by
// the (status, visibility, published_at) index. Scale-out path: a pg_trgm GIN index on the same
// expressions keeps these very queries fast without changing them.
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const listed = () => and(eq(courses.status, 'published'), eq(courses.visibility, 'public'))!;

// Correlated subqueries over one page of cards. Columns are qualified by hand: in a single-table
// select drizzle prints bare column names, which inside the subquery would resolve to `lessons`.
export const publishedLessonCount = sql<number>`(select count(*)::int from ${lessons} l where l.course_id = ${courses}.id and l.status = 'published')`;
const publishedLessonSeconds = sql<number>`(select coalesce(sum(l.duration_seconds), 0)::int from ${lessons} l where l.course_id = ${courses}.id and l.status = 'published')`;

/** Public catalog: published + public courses, newest first. Anyone may call this. */
export async function listCatalog(input: CatalogQuery): Promise<CatalogPage> {
  const where: SQL[] = [listed()];
  if (input.q) {
    const p = `%${escapeLike(input.q)}%`;
    where.push(
      or(
        ilike(courses.title, p),
        ilike(courses.shortDescription, p),
        sql`exists (select 1 from unnest(${courses.tags}) as t(tag) where t.tag ilike ${p})`,
      )!,
    );
  }
  if (input.language) where.push(eq(courses.language, input.language));
  if (input.level) where.push(eq(courses.level, input.level));
  if (input.tag) where.push(arrayContains(courses.tags, [input.tag]));
  const cond = and(...where);
  const page = input.page ?? 1;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        slug: courses.slug,
        title: courses.title,
        shortDescription: courses.shortDescription,
        coverImageUrl: courses.coverImageUrl,
        language: courses.language,
        level: courses.level,
        tags: courses.tags,
        publishedAt: courses.publishedAt,
        lessonCount: publishedLessonCount,
        totalDurationSeconds: publishedLessonSeconds,
      })
      .from(courses)
      .where(cond)
      .orderBy(sql`${courses.publishedAt} desc nulls last`, desc(courses.createdAt), asc(courses.id))
      .limit(CATALOG_PAGE_SIZE)
      .offset((page - 1) * CATALOG_PAGE_SIZE),
    db.select({ n: count() }).from(courses).where(cond),
  ]);
  return {
    items: rows.map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null })),
    total: total?.n ?? 0,
    page,
    pageSize: CATALOG_PAGE_SIZE,
  };
}

/** Languages and the most used tags among listed courses, for the filter selects. Anyone may call this. */
export async function getCatalogFacets(): Promise<CatalogFacets> {
  const [langs, tags] = await Promise.all([
    db.selectDistinct({ language: courses.language }).from(courses).where(listed()).orderBy(courses.language),
    db.execute<{ tag: string }>(sql`
      select t.tag from ${courses}, unnest(${courses.tags}) as t(tag)
      where ${listed()}
      group by t.tag order by count(*) desc, t.tag limit 100`),
  ]);
  return { languages: langs.map((l) => l.language), tags: [...tags].map((t) => t.tag).sort((a, b) => a.localeCompare(b)) };
}

/** Owner first, then editors, in the order they joined. */
async function courseAuthors(courseId: string): Promise<string[]> {
  const rows = await db
    .select({ name: users.name })
    .from(courseMembers)
    .innerJoin(users, eq(users.id, courseMembers.userId))
    .where(eq(courseMembers.courseId, courseId))
    .orderBy(sql`case when ${courseMembers.role} = 'owner' then 0 else 1 end`, asc(courseMembers.createdAt));
  return rows.map((r) => r.name);
}

/** Modules with their published lessons only; modules with nothing published yet are left out. */
async function landingOutline(courseId: string): Promise<LandingModule[]> {
  const [mods, less] = await Promise.all([
    db.select({ id: courseModules.id, title: courseModules.title }).from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position)),
    db
      .select({ id: lessons.id, moduleId: lessons.moduleId, title: lessons.title, type: lessons.type, durationSeconds: lessons.durationSeconds, isFreePreview: lessons.isFreePreview })
      .from(lessons)
      .where(and(eq(lessons.courseId, courseId), eq(lessons.status, 'published'), isNull(lessons.hiddenAt)))
      .orderBy(asc(lessons.position)),
  ]);
  const byModule = new Map(mods.map((m) => [m.id, [] as LandingModule['lessons']]));
  for (const { moduleId, ...l } of less) byModule.get(moduleId)?.push(l);
  return mods.map((m) => ({ ...m, lessons: byModule.get(m.id)! })).filter((m) => m.lessons.length > 0);
}

/**
 * The landing page of `/c/[slug]` as `viewer` may see it (no caller check needed: this applies
 * the visibility rules). Public and unlisted published courses are open to everyone; private ones
 * to enrolled students, course staff, admins and holders of the invite token; drafts and archived
 * courses to staff and admins only. An old slug answers with the current one to redirect to.
 */
export async function getCourseLanding(slug: string, viewer: SessionUser | null, rawInvite?: string | null): Promise<LandingResult> {
  const invite = rawInvite == null ? null : inviteTokenSchema.safeParse(rawInvite).data ?? '';
  const course = await db.query.courses.findFirst({ where: eq(courses.slug, slug) });
  if (!course) {
    const old = await db
      .select({ slug: courses.slug })
      .from(courseSlugHistory)
      .innerJoin(courses, eq(courses.id, courseSlugHistory.courseId))
      .where(eq(courseSlugHistory.slug, slug))
      .limit(1);
    if (old[0]) return { kind: 'redirect', slug: old[0].slug };
    return invite !== null ? { kind: 'inviteInvalid' } : { kind: 'notFound' };
  }

  const [member, enrollment] = viewer
    ? await Promise.all([
        db.query.courseMembers.findFirst({ where: and(eq(courseMembers.courseId, course.id), eq(courseMembers.userId, viewer.id)), columns: { role: true } }),
        db.query.enrollments.findFirst({ where: and(eq(enrollments.courseId, course.id), eq(enrollments.userId, viewer.id)), columns: { status: true } }),
      ])
    : [undefined, undefined];
  // Same rule as assertCourseRole: a member acts as staff only while they hold the author role.
  const isStaff = viewer?.role === 'admin' || (viewer?.role === 'author' && Boolean(member));
  const isPublished = course.status === 'published';
  const hasValidInvite = isPublished && invite !== null && inviteTokenMatches(course.inviteToken, invite);
  const visible = isStaff || (isPublished && (course.visibility !== 'private' || enrollment?.status === 'active' || hasValidInvite));
  if (!visible) return invite !== null ? { kind: 'inviteInvalid' } : { kind: 'notFound' };

  const [authors, modules] = await Promise.all([courseAuthors(course.id), landingOutline(course.id)]);
  const all = modules.flatMap((m) => m.lessons);
  const landing: CourseLanding = {
    id: course.id,
    slug: course.slug,
    title: course.title,
    shortDescription: course.shortDescription,
    description: course.description,
    coverImageUrl: course.coverImageUrl,
    language: course.language,
    level: course.level,
    tags: course.tags,
    status: course.status,
    visibility: course.visibility,
    authors,
    modules,
    lessonCount: all.length,
    totalDurationSeconds: all.reduce((s, l) => s + (l.durationSeconds ?? 0), 0),
  };
  return {
    kind: 'ok',
    course: landing,
    viewer: {
      signedIn: Boolean(viewer),
      isStaff,
      enrollment: enrollment?.status ?? null,
      canSelfEnroll: isPublished && course.visibility !== 'private',
      hasValidInvite,
      inviteInvalid: invite !== null && !hasValidInvite,
    },
  };
}
