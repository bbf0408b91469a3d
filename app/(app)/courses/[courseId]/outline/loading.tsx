import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function Loading() {
  return (
    <PageSkeleton>
      <div className="h-10 rounded bg-slate-200 dark:bg-slate-800" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <div className="h-6 w-1/2 rounded bg-slate-200 dark:bg-slate-800" />
          <div className="h-5 rounded bg-slate-100 dark:bg-slate-800/60" />
          <div className="h-5 rounded bg-slate-100 dark:bg-slate-800/60" />
        </div>
      ))}
    </PageSkeleton>
  );
}
