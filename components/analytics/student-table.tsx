import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import type { StudentListDto, StudentRow, StudentSort } from '@/lib/analytics/dashboard-dto';
import type { StudentListInput } from '@/lib/analytics/dashboard-schemas';
import { formatValue } from './format';

type Props = { courseId: string; data: StudentListDto; input: StudentListInput; keep: Record<string, string | undefined> };

/**
 * The course's students: progress, last activity and coverage per lesson. Search, sort and pages are
 * links and a GET form (no JavaScript needed); the CSV export takes the same search and sort.
 */
export async function StudentTable({ courseId, data, input, keep }: Props) {
  const [t, format] = await Promise.all([getTranslations('analytics.students'), getFormatter()]);
  const base = `/courses/${courseId}/analytics`;
  const qs = (p: Record<string, string | undefined>) => new URLSearchParams(Object.entries({ ...keep, ...p }).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  const sortLink = (sort: StudentSort, label: string) => {
    const active = input.sort === sort;
    const dir = active && input.dir === 'desc' ? 'asc' : 'desc';
    return (
      <th scope="col" className="px-3 py-2" aria-sort={active ? (input.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <Link href={`${base}?${qs({ q: input.q || undefined, sort, dir })}#students`} className="underline decoration-dotted">
          {label}
          {active && <span aria-hidden="true">{input.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
        </Link>
      </th>
    );
  };
  const lessonCell = (s: StudentRow, i: number) => {
    const p = s.lessons[i]!;
    const type = data.lessons[i]!.type;
    const text = p.status === null ? '—' : type === 'video' ? formatValue(format, 'pct', p.coverage) : p.status === 'completed' ? '✓' : '…';
    const sr = p.status === null ? t('notOpened') : p.status === 'completed' ? t('completed') : t('inProgress');
    return (
      <td key={p.lessonId} className="px-3 py-1.5 text-center tabular-nums">
        <span aria-hidden={type !== 'video' || p.status === null ? 'true' : undefined}>{text}</span>
        {(type !== 'video' || p.status === null) && <span className="sr-only">{sr}</span>}
      </td>
    );
  };
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  return (
    <section aria-labelledby="students-h" id="students" className="mt-8">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id="students-h" className="text-lg font-semibold">
          {t('title', { count: data.total })}
        </h2>
        <div className="flex flex-wrap items-end gap-2">
          <form method="get" action={base} className="flex items-end gap-2" role="search">
            {Object.entries(keep).map(([k, v]) => v && <input key={k} type="hidden" name={k} value={v} />)}
            <input type="hidden" name="sort" value={input.sort} />
            <input type="hidden" name="dir" value={input.dir} />
            <label htmlFor="student-q" className="sr-only">
              {t('search')}
            </label>
            <Input id="student-q" name="q" type="search" defaultValue={input.q} placeholder={t('searchPlaceholder')} className="w-56" />
            <Button type="submit" variant="secondary">
              {t('searchButton')}
            </Button>
          </form>
          <a href={`/api/analytics/courses/${courseId}/students?${qs({ q: input.q || undefined, sort: input.sort, dir: input.dir })}`} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800" download>
            {t('csv')}
          </a>
        </div>
      </div>
      {data.students.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{input.q ? t('noMatch') : t('none')}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm" data-testid="student-table">
            <caption className="sr-only">{t('title', { count: data.total })}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950">
              <tr>
                {sortLink('name', t('name'))}
                {sortLink('progress', t('progress'))}
                {sortLink('lastActivity', t('lastActivity'))}
                {sortLink('enrolledAt', t('enrolledAt'))}
                {data.lessons.map((l, i) => (
                  <th key={l.id} scope="col" className="max-w-[8rem] px-3 py-2 text-center text-xs font-medium" title={l.title}>
                    <span aria-hidden="true">{i + 1}</span>
                    <span className="sr-only">{t('lessonColumn', { n: i + 1, title: l.title })}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.students.map((s) => (
                <tr key={s.userId} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid={`student-${s.email}`}>
                  <th scope="row" className="px-3 py-1.5 font-normal">
                    <span className="block font-medium">{s.name || '—'}</span>
                    <span className="block break-all text-xs text-slate-700 dark:text-slate-300">{s.email}</span>
                  </th>
                  <td className="px-3 py-1.5 whitespace-nowrap tabular-nums" data-testid="student-progress">
                    {formatValue(format, 'pct', s.progress)} <span className="text-xs text-slate-700 dark:text-slate-300">({t('lessonsDone', { done: s.completedLessons, total: data.lessons.length })})</span>
                  </td>
                  <td className="px-3 py-1.5 whitespace-nowrap">{date(s.lastActivityAt)}</td>
                  <td className="px-3 py-1.5 whitespace-nowrap">{date(s.enrolledAt)}</td>
                  {data.lessons.map((_, i) => lessonCell(s, i))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.lessons.length > 0 && (
        <ol className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300" aria-label={t('legend')}>
          {data.lessons.map((l, i) => (
            <li key={l.id}>
              {i + 1}. {l.title}
            </li>
          ))}
        </ol>
      )}
      {data.total > data.pageSize && <Pagination page={data.page} pageSize={data.pageSize} total={data.total} basePath={base} params={{ ...keep, q: input.q || undefined, sort: input.sort, dir: input.dir }} />}
    </section>
  );
}
