import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { UserRowActions } from '@/components/admin/user-row-actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input, Select } from '@/components/ui/field';
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
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            {t('search')}
          </label>
          <Input id="q" name="q" type="search" defaultValue={input.q ?? ''} placeholder={t('searchPlaceholder')} className="w-64" />
        </div>
        <div>
          <label htmlFor="role" className="block text-sm font-medium">
            {t('role')}
          </label>
          <Select id="role" name="role" defaultValue={input.role ?? ''}>
            <option value="">{t('allRoles')}</option>
            {platformRoles.map((r) => (
              <option key={r} value={r}>
                {roles(r)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">
            {t('status')}
          </label>
          <Select id="status" name="status" defaultValue={input.status ?? ''}>
            <option value="">{t('allStatuses')}</option>
            <option value="active">{t('active')}</option>
            <option value="blocked">{t('blocked')}</option>
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          {t('filter')}
        </Button>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={t('emptyTitle')} description={t('emptyDescription')} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('title')}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950">
              <tr>
                <th scope="col" className="px-4 py-2">{t('user')}</th>
                <th scope="col" className="px-4 py-2">{t('status')}</th>
                <th scope="col" className="px-4 py-2">{t('joined')}</th>
                <th scope="col" className="px-4 py-2">{t('roleAndActions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((u) => (
                <tr key={u.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid={`user-row-${u.email}`}>
                  <td className="px-4 py-2">
                    <div className="font-medium">{u.name || '—'}</div>
                    <div className="text-slate-600 dark:text-slate-400">{u.email}</div>
                  </td>
                  <td className="px-4 py-2">{u.isBlocked ? <Badge tone="danger">{t('blocked')}</Badge> : <Badge tone="success">{t('active')}</Badge>}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{u.createdAt.slice(0, 10)}</td>
                  <td className="px-4 py-2">
                    <UserRowActions user={u} isSelf={u.id === me.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} basePath="/admin/users" params={{ q: input.q, role: input.role, status: input.status }} />
    </>
  );
}
