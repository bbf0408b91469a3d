import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { formatBytes } from '@/lib/format-bytes';
import type { SessionUser } from '@/lib/auth/session';
import type { MaterialDto } from '@/lib/materials/dto';
import { materialViewerHref } from '@/lib/materials/links';
import { listMaterialsForLesson } from '@/lib/materials/queries';

/**
 * The lesson's documents and the course-wide ones, for a viewer who may open the lesson. Downloads
 * go through /api/materials/{id}/file, which checks access again and redirects to a signed URL.
 */
export async function LessonMaterials({ viewer, courseId, lessonId, slug, canSearch }: { viewer: SessionUser | null; courseId: string; lessonId: string; slug: string; canSearch: boolean }) {
  const [{ lesson, course }, t] = await Promise.all([listMaterialsForLesson(viewer, courseId, lessonId), getTranslations('materials')]);
  if (!lesson.length && !course.length && !canSearch) return null;
  const list = (items: MaterialDto[]) => (
    <ul className="space-y-2">
      {items.map((m) => (
        <li key={m.id} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="lesson-material">
          <span className="font-medium">📄 {m.title}</span>
          {m.isPdf && viewer && (
            <Link className="text-sm text-brand-600 underline dark:text-indigo-300" href={materialViewerHref(m.id)}>
              {t('open')}
            </Link>
          )}
          <a className="text-sm text-brand-600 underline dark:text-indigo-300" href={`/api/materials/${m.id}/file?download=1`} aria-label={t('downloadLabel', { name: m.filename, size: formatBytes(m.size) })}>
            {t('download')} ({formatBytes(m.size)})
          </a>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="lesson-materials-h" className="rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="lesson-materials-h" className="text-lg font-semibold">
          {t('title')}
        </h2>
        {canSearch && (
          <Link className="text-sm text-brand-600 underline dark:text-indigo-300" href={`/learn/${slug}/search`}>
            🔍 {t('searchLink')}
          </Link>
        )}
      </div>
      {lesson.length > 0 && (
        <div className="mb-3">
          <h3 className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">{t('lessonSection')}</h3>
          {list(lesson)}
        </div>
      )}
      {course.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">{t('courseSection')}</h3>
          {list(course)}
        </div>
      )}
      {!lesson.length && !course.length && <p className="text-sm text-slate-600 dark:text-slate-400">{t('empty')}</p>}
    </section>
  );
}
