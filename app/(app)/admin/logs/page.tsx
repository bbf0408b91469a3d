import type { Metadata } from 'next';
import { adminLinkCls, FilterNote } from '@/components/admin/filter-note';
import { FilterInput, FilterSelect } from '@/components/ui/filters';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { logLevels } from '@/db/schema';
import { requirePageRole } from '@/lib/auth/permissions';
import { levelTone } from '@/lib/logs/dto';
import { listLogSources, listSystemLogs } from '@/lib/logs/queries';
import { listSystemLogsSchema, toDateTimeLocal } from '@/lib/logs/schemas';

const BASE = '/admin/logs';
const linkCls = adminLinkCls;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('adminLogs'))('logsTitle') };
}

export default async function AdminLogsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageRole(['admin']);
  const input = listSystemLogsSchema.parse(await searchParams);
  const [t, format, list, knownSources] = await Promise.all([getTranslations('adminLogs'), getFormatter(), listSystemLogs(input), listLogSources()]);
  // A source from the URL stays selectable even when it is not (or no longer) in the list.
  const sources = input.source && !knownSources.includes(input.source) ? [input.source, ...knownSources] : knownSources;
  // Full ISO in links keeps the exact range; the inputs show minutes.
  const params = { level: input.level, source: input.source, userId: input.userId, from: input.from?.toISOString(), to: input.to?.toISOString(), q: input.q };
  const withoutUser = new URLSearchParams(Object.entries({ ...params, userId: undefined }).filter((e): e is [string, string] => Boolean(e[1])));
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  return (
    <>
      <PageHeader title={t('logsTitle')} crumbs={[{ label: t('admin') }, { label: t('logsTitle') }]} />
      <form method="get" action={BASE} className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('filtersLabel')}>
        {input.userId && <input type="hidden" name="userId" value={input.userId} />}
        <FilterSelect id="level" name="level" label={t('level')} value={input.level} allLabel={t('allLevels')} options={logLevels.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
        <FilterSelect id="source" name="source" label={t('source')} value={input.source} allLabel={t('allSources')} options={sources.map((s) => ({ value: s, label: s }))} className="max-w-56" />
        <FilterInput id="from" name="from" type="datetime-local" label={t('from')} defaultValue={toDateTimeLocal(input.from)} />
        <FilterInput id="to" name="to" type="datetime-local" label={t('to')} defaultValue={toDateTimeLocal(input.to)} />
        <FilterInput id="q" name="q" type="search" label={t('search')} maxLength={200} defaultValue={input.q ?? ''} placeholder={t('searchLogsPlaceholder')} className="w-64" />
        <Button type="submit" variant="secondary">
          {t('filter')}
        </Button>
        <Link href={BASE} className={`${linkCls} py-2 text-sm`}>
          {t('reset')}
        </Link>
      </form>
      {input.userId && <FilterNote text={t('filteredByUser', { id: input.userId })} clearHref={`${BASE}?${withoutUser}`} clearLabel={t('showAll')} />}
      {list.items.length === 0 ? (
        <EmptyState title={t('emptyLogsTitle')} description={t('emptyLogsDescription')} />
      ) : (
        <DataTable caption={t('logsCaption')} columns={[t('time'), t('level'), t('source'), t('message'), t('requestId')]}>
              {list.items.map((l) => {
                const time = when(l.createdAt);
                return (
                  <Row key={l.id} data-testid={`log-row-${l.id}`}>
                    <Cell className="whitespace-nowrap">
                      <Link href={`${BASE}/${l.id}`} className={linkCls} aria-label={t('openLog', { time })}>
                        <time dateTime={l.createdAt}>{time}</time>
                      </Link>
                    </Cell>
                    <Cell>
                      <Badge tone={levelTone[l.level]}>{t(`levels.${l.level}`)}</Badge>
                    </Cell>
                    <Cell className="whitespace-nowrap">{l.source}</Cell>
                    <Cell className="max-w-md truncate" title={l.message}>
                      {l.message}
                    </Cell>
                    <Cell className="font-mono text-xs text-slate-700 dark:text-slate-300">{l.requestId ?? t('none')}</Cell>
                  </Row>
                );
              })}
            </DataTable>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} basePath={BASE} params={params} />
    </>
  );
}
