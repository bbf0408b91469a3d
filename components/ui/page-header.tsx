import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { IntentNav } from '@/components/ui/intent-nav';

export type Crumb = { label: string; href?: string };

export async function PageHeader({ title, crumbs = [], actions }: { title: string; crumbs?: Crumb[]; actions?: ReactNode }) {
  const t = await getTranslations('shell');
  return (
    <div className="mb-6 space-y-2">
      {crumbs.length > 0 && (
        <IntentNav aria-label={t('breadcrumbs')}>
          <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-600 dark:text-slate-400">
            {crumbs.map((c, i) => (
              <li key={`${c.label}-${i}`} className="flex items-center gap-1">
                {i > 0 && <span aria-hidden="true">/</span>}
                {c.href ? (
                  <a href={c.href} className="hover:underline">
                    {c.label}
                  </a>
                ) : (
                  <span aria-current="page">{c.label}</span>
                )}
              </li>
            ))}
          </ol>
        </IntentNav>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {actions}
      </div>
    </div>
  );
}
