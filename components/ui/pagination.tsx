import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Server-rendered pager that keeps the other query parameters. */
export async function Pagination({ page, pageSize, total, basePath, params }: { page: number; pageSize: number; total: number; basePath: string; params: Record<string, string | undefined> }) {
  const t = await getTranslations('shell');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const sp = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
    sp.set('page', String(p));
    return `${basePath}?${sp}`;
  };
  const linkCls = 'rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800';
  return (
    <nav aria-label={t('pagination')} className="mt-4 flex items-center justify-between text-sm">
      <p>{t('pageOf', { page, pages, total })}</p>
      <div className="flex gap-2">
        {page > 1 && (
          <Link className={linkCls} href={href(page - 1)} rel="prev">
            {t('previous')}
          </Link>
        )}
        {page < pages && (
          <Link className={linkCls} href={href(page + 1)} rel="next">
            {t('next')}
          </Link>
        )}
      </div>
    </nav>
  );
}
