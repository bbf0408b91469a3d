import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { adminLinkCls } from '@/components/admin/filter-note';
import { Button } from '@/components/ui/button';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterInput, FilterSelect } from '@/components/ui/filters';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requirePageRole } from '@/lib/auth/permissions';
import { listModerationAudit } from '@/lib/moderation/audit';
import { listStaff } from '@/lib/moderation/queries';
import { moderationAuditActions, moderationAuditFilterSchema } from '@/lib/moderation/schemas';

const BASE = '/moderation/audit';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('moderation'))('audit.title') };
}

export default async function ModerationAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageRole(['admin']);
  const f = moderationAuditFilterSchema.parse(await searchParams);
  const [t, format, list, staff] = await Promise.all([getTranslations('moderation'), getFormatter(), listModerationAudit(f), listStaff()]);
  const actionLabel = (a: string) => {
    const name = a.replace(/^moderation\./, '');
    if (name === 'report_filed') return t('audit.reportFiled');
    if (name === 'assign') return t('audit.assign');
    if (name === 'note') return t('audit.note');
    if (name.startsWith('revert.')) return t('audit.revertOf', { action: t(`actions.${name.slice(7)}` as never) });
    return t(`actions.${name}` as never);
  };
  const minute = (d?: Date) => (d ? d.toISOString().slice(0, 16) : '');
  const params = { actorId: f.actorId, action: f.action, from: minute(f.from) || undefined, to: minute(f.to) || undefined };
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        crumbs={[{ label: t('title'), href: '/moderation' }, { label: t('audit.title') }]}
        actions={
          <a href={`/api/moderation/audit?${query}`} download className={`${adminLinkCls} text-sm`}>
            {t('audit.exportCsv')}
          </a>
        }
      />
      <p className="mb-4 text-sm">{t('audit.immutable')}</p>
      <form method="get" action={BASE} className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('queue.filtersLabel')}>
        <FilterSelect id="actorId" name="actorId" label={t('audit.moderator')} value={f.actorId} allLabel={t('audit.anyModerator')} options={staff.map((s) => ({ value: s.id, label: s.name || s.email }))} />
        <FilterSelect id="action" name="action" label={t('audit.action')} value={f.action} allLabel={t('audit.anyAction')} options={moderationAuditActions.map((a) => ({ value: a, label: actionLabel(a) }))} />
        <FilterInput id="from" name="from" type="datetime-local" label={t('audit.from')} defaultValue={minute(f.from)} />
        <FilterInput id="to" name="to" type="datetime-local" label={t('audit.to')} defaultValue={minute(f.to)} />
        <Button type="submit" variant="secondary">
          {t('audit.filter')}
        </Button>
        <Link href={BASE} className={`${adminLinkCls} py-2 text-sm`}>
          {t('audit.reset')}
        </Link>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={t('audit.empty')} />
      ) : (
        <DataTable caption={t('audit.caption')} columns={[t('audit.time'), t('audit.action'), t('audit.actor'), t('audit.target'), t('audit.reason')]}>
          {list.items.map((e) => (
            <Row key={e.id} data-testid="moderation-audit-row" data-action={e.action}>
              <Cell className="whitespace-nowrap">
                <Link href={`/admin/audit/${e.id}`} className={adminLinkCls}>
                  <time dateTime={e.createdAt}>{format.dateTime(new Date(e.createdAt), { dateStyle: 'medium', timeStyle: 'medium' })}</time>
                </Link>
              </Cell>
              <Cell>{actionLabel(e.action)}</Cell>
              <Cell>{e.actor ?? '—'}</Cell>
              <Cell className="max-w-xs">
                {e.targetType && <div className="text-xs">{e.targetType}</div>}
                {e.caseId ? (
                  <Link href={`/moderation/cases/${e.caseId}`} className={`${adminLinkCls} font-mono text-xs break-all`}>
                    {e.targetId}
                  </Link>
                ) : (
                  <span className="font-mono text-xs break-all">{e.targetId}</span>
                )}
              </Cell>
              <Cell className="max-w-xs">{e.reason ?? ''}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} basePath={BASE} params={params} />
    </>
  );
}
