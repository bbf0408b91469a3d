import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';

/**
 * The loading state of a section (used by loading.tsx files). Sections get their own skeletons,
 * not the whole signed-in area: a page that calls notFound() before streaming starts must still
 * answer with a real 404 status.
 */
export async function PageSkeleton({ children }: { children?: ReactNode }) {
  const t = await getTranslations('shell');
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">{t('loading')}</span>
      <div className="h-8 w-1/3 rounded bg-slate-200 dark:bg-slate-800" />
      {children ?? <div className="h-32 rounded bg-slate-200 dark:bg-slate-800" />}
    </div>
  );
}
