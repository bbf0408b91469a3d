import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/shell/client-messages';
import { ClearSearchHistoryButton } from '@/components/materials/clear-search-history-button';
import { SearchResults } from '@/components/materials/search-results';
import { Button } from '@/components/ui/button';
import { getSessionUser } from '@/lib/auth/session';
import { landingHref } from '@/lib/catalog/routes';
import { getCourseViewBySlug } from '@/lib/learning/queries';
import { recordSearch } from '@/lib/materials/mutations';
import { listRecentSearches, searchFilterOptions } from '@/lib/materials/queries';
import { searchMaterialsSchema } from '@/lib/materials/schemas';
import { searchCourse } from '@/lib/materials/search';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const view = await getCourseViewBySlug(await getSessionUser(), slug);
  return { title: (await getTranslations('materials.search'))('pageTitle', { course: view?.course.title ?? '' }) };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const selectClass = 'rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900';

/**
 * Search inside a course's lessons and documents (GET form: results are linkable and work without
 * JavaScript). Enrolled students and the course's staff only; the query decides nothing about access.
 */
export default async function CourseSearchPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const viewer = await getSessionUser();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(`/learn/${slug}/search`)}`);
  const view = await getCourseViewBySlug(viewer, slug);
  if (!view) notFound();
  if (!view.enrollment && !view.isStaff) redirect(landingHref(slug));
  const sp = await searchParams;
  const input = searchMaterialsSchema.parse({ q: first(sp.q) ?? '', lesson: first(sp.lesson) || undefined, material: first(sp.material) || undefined });
  const courseId = view.course.id;
  const result = input.q ? await searchCourse(viewer, courseId, input.q, { lessonId: input.lesson, materialId: input.material }) : null;
  if (result) await recordSearch(viewer, courseId, input.q);
  const [recent, options, t] = await Promise.all([listRecentSearches(viewer, courseId), searchFilterOptions(viewer, courseId), getTranslations('materials.search')]);

  return (
    <ClientMessages namespaces={['materials']}>
      <div className="mx-auto max-w-3xl space-y-6">
        <div>
          <Link href={`/learn/${slug}`} className="text-sm text-brand-600 underline dark:text-indigo-300">
            ← {t('back')}
          </Link>
          <h1 className="mt-2 text-2xl font-semibold">{t('heading', { course: view.course.title })}</h1>
        </div>
        <form role="search" method="get" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <label htmlFor="search-q" className="block text-sm font-medium">
            {t('label')}
          </label>
          <div className="flex gap-2">
            <input id="search-q" name="q" type="search" defaultValue={input.q} maxLength={200} placeholder={t('placeholder')} className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950" />
            <Button type="submit">{t('submit')}</Button>
          </div>
          <div className="flex flex-wrap gap-4">
            <label className="flex items-center gap-2 text-sm">
              {t('lesson')}
              <select name="lesson" defaultValue={input.lesson ?? ''} className={selectClass}>
                <option value="">{t('any')}</option>
                {options.lessons.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.title}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 text-sm">
              {t('document')}
              <select name="material" defaultValue={input.material ?? ''} className={selectClass}>
                <option value="">{t('any')}</option>
                {options.materials.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </form>
        {recent.length > 0 && (
          <section aria-labelledby="recent-h" className="flex flex-wrap items-center gap-2 text-sm">
            <h2 id="recent-h" className="font-medium">
              {t('recent')}:
            </h2>
            <ul className="flex flex-wrap gap-2" data-testid="recent-searches">
              {recent.map((q) => (
                <li key={q}>
                  <Link className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-800 hover:underline dark:bg-slate-800 dark:text-slate-100" href={`/learn/${slug}/search?q=${encodeURIComponent(q)}`}>
                    {q}
                  </Link>
                </li>
              ))}
            </ul>
            <ClearSearchHistoryButton courseId={courseId} />
          </section>
        )}
        {result && <SearchResults result={result} />}
      </div>
    </ClientMessages>
  );
}
