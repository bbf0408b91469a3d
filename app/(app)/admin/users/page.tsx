import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { UserRowActions } from '@/components/admin/user-row-actions';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterInput, FilterSelect } from '@/components/ui/filters';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requirePageRole } from '@/lib/auth/permissions';
import { platformRoles } from '@/lib/constants';
import { listUsers } from '@/lib/users/queries';
import { listUsersSchema } from '@/lib/users/schemas';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('adminUsers'))('title') };
}

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const me = await requirePageRole(['admin']);
  const sp = await searchParams;
  const input = listUsersSchema.parse(sp);
  const [t, roles, list] = await Promise.all([getTranslations('adminUsers'), getTranslations('roles'), listUsers(input)]);
  return (
    <>
      <PageHeader title={t('title')} crumbs={[{ label: t('admin') }, { label: t('title') }]} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <FilterInput id="q" name="q" type="search" label={t('search')} defaultValue={input.q ?? ''} placeholder={t('searchPlaceholder')} className="w-64" />
        <FilterSelect id="role" name="role" label={t('role')} value={input.role} allLabel={t('allRoles')} options={platformRoles.map((r) => ({ value: r, label: roles(r) }))} />
        <FilterSelect
          id="status"
          name="status"
          label={t('status')}
          value={input.status}
          allLabel={t('allStatuses')}
          options={[
            { value: 'active', label: t('active') },
            { value: 'blocked', label: t('blocked') },
          ]}
        />
        <Button type="submit" variant="secondary">
          {t('filter')}
        </Button>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={t('emptyTitle')} description={t('emptyDescription')} />
      ) : (
        <DataTable caption={t('title')} columns={[t('user'), t('status'), t('joined'), t('roleAndActions')]}>
              {list.items.map((u) => (
                <Row key={u.id} data-testid={`user-row-${u.email}`}>
                  <Cell>
                    <div className="font-medium">{u.name || '—'}</div>
                    <div className="text-slate-600 dark:text-slate-400">{u.email}</div>
                  </Cell>
                  <Cell>{u.isBlocked ? <Badge tone="danger">{t('blocked')}</Badge> : <Badge tone="success">{t('active')}</Badge>}</Cell>
                  <Cell className="whitespace-nowrap">{u.createdAt.slice(0, 10)}</Cell>
                  <Cell>
                    <UserRowActions user={u} isSelf={u.id === me.id} />
                  </Cell>
                </Row>
              ))}
            </DataTable>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} basePath="/admin/users" params={{ q: input.q, role: input.role, status: input.status }} />
    </>
  );
}
