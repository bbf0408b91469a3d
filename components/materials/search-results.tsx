import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { SearchResultDto } from '@/lib/materials/dto';

/** Matched words arrive as odd parts of the snippet and are rendered as text inside <mark>: no HTML from documents. */
export function Snippet({ parts }: { parts: string[] }) {
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark key={i} className="rounded bg-yellow-200 px-0.5 text-slate-900 dark:bg-yellow-300">{p}</mark> : p))}</>;
}

export async function SearchResults({ result }: { result: SearchResultDto }) {
  const t = await getTranslations('materials.search');
  return (
    <section aria-labelledby="results-h" className="space-y-3">
      <h2 id="results-h" className="font-semibold" aria-live="polite">
        {t('results', { count: result.hits.length, query: result.query })}
      </h2>
      {result.corrected && (
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="search-corrected">
          {t('fuzzy', { query: result.corrected })}
        </p>
      )}
      {result.hits.length === 0 && <p className="text-sm text-slate-700 dark:text-slate-300">{t('none')}</p>}
      <ol className="space-y-3" data-testid="search-results">
        {result.hits.map((h) => (
          <li key={`${h.kind}-${h.id}`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="search-hit">
            <Link href={h.href} className="font-medium text-brand-600 underline dark:text-indigo-300">
              {h.kind === 'block' ? `${h.materialTitle} — ${t('page', { page: h.page ?? 1 })}` : `${h.lessonTitle} — ${t('lessonText')}`}
            </Link>
            {h.kind === 'block' && h.lessonTitle && <p className="text-xs text-slate-600 dark:text-slate-400">{h.lessonTitle}</p>}
            <p className="mt-1 text-sm text-slate-800 dark:text-slate-200">
              <Snippet parts={h.parts} />
            </p>
          </li>
        ))}
      </ol>
      {result.truncated && <p className="text-sm text-slate-600 dark:text-slate-400">{t('more')}</p>}
    </section>
  );
}
