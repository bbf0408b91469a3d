import type { Metadata } from 'next';
import { adminLinkCls, FilterNote } from '@/components/admin/filter-note';
import { FilterInput } from '@/components/ui/filters';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requirePageRole } from '@/lib/auth/permissions';
import { listAuditEvents } from '@/lib/logs/queries';
import { listAuditEventsSchema, toDateTimeLocal } from '@/lib/logs/schemas';

const BASE = '/admin/audit';
const linkCls = adminLinkCls;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('adminLogs'))('auditTitle') };
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageRole(['admin']);
  const input = listAuditEventsSchema.parse(await searchParams);
  const [t, format, list] = await Promise.all([getTranslations('adminLogs'), getFormatter(), listAuditEvents(input)]);
  // Full ISO in links keeps the exact range; the inputs show minutes.
  const params = { action: input.action, actorId: input.actorId, targetId: input.targetId, from: input.from?.toISOString(), to: input.to?.toISOString(), q: input.q };
  const hrefWithout = (key: 'actorId' | 'targetId') =>
    `${BASE}?${new URLSearchParams(Object.entries({ ...params, [key]: undefined }).filter((e): e is [string, string] => Boolean(e[1])))}`;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  return (
    <>
      <PageHeader title={t('auditTitle')} crumbs={[{ label: t('admin') }, { label: t('auditTitle') }]} />
      <form method="get" action={BASE} className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('filtersLabel')}>
        {input.actorId && <input type="hidden" name="actorId" value={input.actorId} />}
        {input.targetId && <input type="hidden" name="targetId" value={input.targetId} />}
        <div>
          <label htmlFor="action" className="block text-sm font-medium">
            {t('action')}
          </label>
          <Input id="action" name="action" maxLength={100} defaultValue={input.action ?? ''} placeholder={t('actionPlaceholder')} aria-describedby="action-hint" className="w-48" />
          <p id="action-hint" className="sr-only">
            {t('actionHint')}
          </p>
        </div>
        <FilterInput id="from" name="from" type="datetime-local" label={t('from')} defaultValue={toDateTimeLocal(input.from)} />
        <FilterInput id="to" name="to" type="datetime-local" label={t('to')} defaultValue={toDateTimeLocal(input.to)} />
        <FilterInput id="q" name="q" type="search" label={t('search')} maxLength={200} defaultValue={input.q ?? ''} placeholder={t('searchAuditPlaceholder')} className="w-64" />
        <Button type="submit" variant="secondary">
          {t('filter')}
        </Button>
        <Link href={BASE} className={`${linkCls} py-2 text-sm`}>
          {t('reset')}
        </Link>
      </form>
      {input.actorId && <FilterNote text={t('filteredByActor', { id: input.actorId })} clearHref={hrefWithout('actorId')} clearLabel={t('showAll')} />}
      {input.targetId && <FilterNote text={t('filteredByTarget', { id: input.targetId })} clearHref={hrefWithout('targetId')} clearLabel={t('showAll')} />}
      {list.items.length === 0 ? (
        <EmptyState title={t('emptyAuditTitle')} description={t('emptyAuditDescription')} />
      ) : (
        <DataTable caption={t('auditCaption')} columns={[t('time'), t('action'), t('actor'), t('target'), t('ip')]}>
              {list.items.map((e) => {
                const time = when(e.createdAt);
                return (
                  <Row key={e.id} data-testid={`audit-row-${e.id}`}>
                    <Cell className="whitespace-nowrap">
                      <Link href={`${BASE}/${e.id}`} className={linkCls} aria-label={t('openEvent', { time })}>
                        <time dateTime={e.createdAt}>{time}</time>
                      </Link>
                    </Cell>
                    <Cell className="font-mono text-xs">{e.action}</Cell>
                    <Cell>{e.actorEmail ?? (e.actorId ? t('deletedUser') : t('noActor'))}</Cell>
                    <Cell className="max-w-xs">
                      {e.targetType || e.targetId ? (
                        <>
                          {e.targetType && <div className="text-xs text-slate-700 dark:text-slate-300">{e.targetType}</div>}
                          {e.targetId && <div className="truncate font-mono text-xs">{e.targetId}</div>}
                        </>
                      ) : (
                        t('none')
                      )}
                    </Cell>
                    <Cell className="font-mono text-xs whitespace-nowrap">{e.ip ?? t('none')}</Cell>
                  </Row>
                );
              })}
            </DataTable>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} basePath={BASE} params={params} />
    </>
  );
}
