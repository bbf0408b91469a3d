import { getTranslations } from 'next-intl/server';

export default async function Loading() {
  const t = await getTranslations('outline');
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">{t('loading')}</span>
      <div className="h-8 w-1/3 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-10 rounded bg-slate-200 dark:bg-slate-800" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <div className="h-6 w-1/2 rounded bg-slate-200 dark:bg-slate-800" />
          <div className="h-5 rounded bg-slate-100 dark:bg-slate-800/60" />
          <div className="h-5 rounded bg-slate-100 dark:bg-slate-800/60" />
        </div>
      ))}
    </div>
  );
}
