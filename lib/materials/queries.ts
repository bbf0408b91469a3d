import 'server-only';
import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses, lessons, materialBlocks, materialPages, materialSearches, materials } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { lessonHref } from '@/lib/catalog/routes';
import { materialAccess, materialScope, type MaterialRow } from './access';
import { isPdfType } from './constants';
import type { HighlightBox, MaterialDto, MaterialViewerDto } from './dto';

export const toMaterialDto = (m: MaterialRow): MaterialDto => ({
  id: m.id,
  courseId: m.courseId,
  lessonId: m.lessonId,
  title: m.title,
  filename: m.filename,
  contentType: m.contentType,
  size: m.size,
  isPdf: isPdfType(m.contentType),
  isReady: m.status === 'ready',
  revision: m.revision,
  extractStatus: m.extractStatus,
  extractError: m.extractError,
  pageCount: m.pageCount,
  pagesDone: m.pagesDone,
  blockCount: m.blockCount,
  updatedAt: m.updatedAt.toISOString(),
});

/** The editor's list for a lesson (or the course-wide list when lessonId is null). Caller checked the editor role. */
export async function listMaterialsForEditor(courseId: string, lessonId: string | null): Promise<MaterialDto[]> {
  const rows = await db
    .select()
    .from(materials)
    .where(and(eq(materials.courseId, courseId), lessonId ? eq(materials.lessonId, lessonId) : isNull(materials.lessonId)))
    .orderBy(asc(materials.position), asc(materials.createdAt));
  // A new material whose first upload was abandoned has nothing to show.
  return rows.filter((r) => r.status === 'ready' || r.uploadId).map(toMaterialDto);
}

/**
 * Ready materials a viewer may read on a lesson page: the lesson's own and the course-wide ones.
 * Caller has opened the lesson for the viewer (it is not locked).
 */
export async function listMaterialsForLesson(viewer: SessionUser | null, courseId: string, lessonId: string): Promise<{ lesson: MaterialDto[]; course: MaterialDto[] }> {
  const scope = await materialScope(viewer, courseId);
  if (!scope || !scope.lessonIds.includes(lessonId)) return { lesson: [], course: [] };
  const rows = await db
    .select()
    .from(materials)
    .where(and(eq(materials.courseId, courseId), eq(materials.status, 'ready'), scope.courseWide ? or(eq(materials.lessonId, lessonId), isNull(materials.lessonId)) : eq(materials.lessonId, lessonId)))
    .orderBy(asc(materials.position), asc(materials.createdAt));
  const dtos = rows.map(toMaterialDto);
  return { lesson: dtos.filter((m) => m.lessonId === lessonId), course: dtos.filter((m) => m.lessonId === null) };
}

/** Everything the in-app viewer needs, or null when the viewer may not read this material (or it is not a PDF). */
export async function getMaterialForViewer(viewer: SessionUser | null, materialId: string): Promise<MaterialViewerDto | null> {
  const access = await materialAccess(viewer, materialId);
  if (!access.allowed || !access.material.key) return null;
  const m = access.material;
  const [course, lesson, pages] = await Promise.all([
    db.query.courses.findFirst({ where: eq(courses.id, m.courseId), columns: { slug: true, title: true } }),
    m.lessonId ? db.query.lessons.findFirst({ where: eq(lessons.id, m.lessonId), columns: { title: true } }) : Promise.resolve(null),
    db.select().from(materialPages).where(eq(materialPages.materialId, m.id)).orderBy(asc(materialPages.page)),
  ]);
  if (!course) return null;
  const isEnrolled = Boolean(access.scope.view.enrollment);
  return {
    material: toMaterialDto(m),
    pages: pages.map((p) => ({ page: p.page, width: p.width, height: p.height, hasThumbnail: Boolean(p.thumbnailKey) })),
    courseSlug: course.slug,
    courseTitle: course.title,
    lessonTitle: lesson?.title ?? null,
    canSnapshot: Boolean(viewer) && isEnrolled && m.lessonId !== null,
    backHref: m.lessonId ? lessonHref(course.slug, m.lessonId) : `/learn/${course.slug}`,
  };
}

/** The viewer's recent searches in a course, newest first. Caller checked the viewer may search it. */
export async function listRecentSearches(viewer: SessionUser, courseId: string) {
  const rows = await db
    .select({ query: materialSearches.query })
    .from(materialSearches)
    .where(and(eq(materialSearches.userId, viewer.id), eq(materialSearches.courseId, courseId)))
    .orderBy(desc(materialSearches.searchedAt))
    .limit(10);
  return rows.map((r) => r.query);
}

/** Filter choices for the search page: lessons the viewer may open, and their documents. */
export async function searchFilterOptions(viewer: SessionUser | null, courseId: string) {
  const scope = await materialScope(viewer, courseId);
  if (!scope) return { lessons: [], materials: [] };
  const lessonsOpen = scope.view.lessons.filter((l) => scope.lessonIds.includes(l.id)).map((l) => ({ id: l.id, title: l.title }));
  const docs = await db
    .select({ id: materials.id, title: materials.title, lessonId: materials.lessonId })
    .from(materials)
    .where(and(eq(materials.courseId, courseId), eq(materials.status, 'ready'), scope.lessonIds.length ? or(inArray(materials.lessonId, scope.lessonIds), scope.courseWide ? isNull(materials.lessonId) : undefined) : scope.courseWide ? isNull(materials.lessonId) : eq(materials.id, '00000000-0000-0000-0000-000000000000')))
    .orderBy(asc(materials.title));
  return { lessons: lessonsOpen, materials: docs };
}

/** The 0–1 box of a block by its stable ref. Caller checked the viewer may read the material. */
export async function getBlockBox(materialId: string, ref: string): Promise<HighlightBox | null> {
  const b = await db.query.materialBlocks.findFirst({ where: and(eq(materialBlocks.materialId, materialId), eq(materialBlocks.ref, ref)), columns: { page: true, nx: true, ny: true, nw: true, nh: true } });
  return b ?? null;
}
