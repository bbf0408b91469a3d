import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { CourseCard } from '@/components/catalog/course-card';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterInput, FilterSelect } from '@/components/ui/filters';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { languageName } from '@/lib/catalog/format';
import { getCatalogFacets, listCatalog } from '@/lib/catalog/queries';
import { catalogQuerySchema } from '@/lib/catalog/schemas';
import { courseLevels } from '@/lib/course-constants';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('catalog'))('title') };
}

// Public: no session needed. Only published + public courses are listed (listCatalog applies that).
export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const input = catalogQuerySchema.parse(await searchParams);
  const [t, locale, list, facets] = await Promise.all([getTranslations('catalog'), getLocale(), listCatalog(input), getCatalogFacets()]);
  const filtered = Boolean(input.q || input.language || input.level || input.tag);
  // A filter value from the URL stays selectable even when no listed course uses it any more.
  const languages = [...new Set([...facets.languages, ...(input.language ? [input.language] : [])])];
  const tags = [...new Set([...facets.tags, ...(input.tag ? [input.tag] : [])])];
  return (
    <>
      <PageHeader title={t('title')} />
      <p className="-mt-4 mb-6 text-slate-700 dark:text-slate-300">{t('intro')}</p>
      <form method="get" action="/catalog" role="search" className="mb-6 flex flex-wrap items-end gap-3">
        <FilterInput id="catalog-q" name="q" type="search" label={t('search')} defaultValue={input.q ?? ''} placeholder={t('searchPlaceholder')} maxLength={200} wrapperClassName="min-w-56 flex-1" />
        <FilterSelect id="catalog-language" name="language" label={t('language')} value={input.language} allLabel={t('anyLanguage')} options={languages.map((l) => ({ value: l, label: languageName(l, locale) }))} />
        <FilterSelect id="catalog-level" name="level" label={t('level')} value={input.level} allLabel={t('anyLevel')} options={courseLevels.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
        <FilterSelect id="catalog-tag" name="tag" label={t('tag')} value={input.tag} allLabel={t('anyTag')} options={tags.map((tag) => ({ value: tag, label: tag }))} />
        <Button type="submit" variant="secondary">
          {t('apply')}
        </Button>
        {filtered && (
          <Link href="/catalog" className="py-2 text-sm text-brand-600 underline dark:text-indigo-300">
            {t('clear')}
          </Link>
        )}
      </form>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400" data-testid="catalog-count">
        {t('resultCount', { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        filtered ? (
          <EmptyState title={t('emptyTitle')} description={t('emptyDescription')} />
        ) : (
          <EmptyState title={t('emptyCatalogTitle')} description={t('emptyCatalogDescription')} />
        )
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t('title')}>
          {list.items.map((c) => (
            <li key={c.slug} className="flex">
              <CourseCard course={c} />
            </li>
          ))}
        </ul>
      )}
      {list.total > list.pageSize && (
        <Pagination page={list.page} pageSize={list.pageSize} total={list.total} basePath="/catalog" params={{ q: input.q, language: input.language, level: input.level, tag: input.tag }} />
      )}
    </>
  );
}
