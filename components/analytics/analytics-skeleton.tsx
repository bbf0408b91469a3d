import { PageSkeleton } from '@/components/shell/page-skeleton';

/** loading.tsx of the dashboards: range bar, figure cards, two chart boxes. */
export function AnalyticsSkeleton() {
  return (
    <PageSkeleton>
      <div className="h-24 rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-24 rounded-lg bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="h-72 rounded-lg bg-slate-100 dark:bg-slate-800/60" />
        <div className="h-72 rounded-lg bg-slate-100 dark:bg-slate-800/60" />
      </div>
    </PageSkeleton>
  );
}
