import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { adminLinkCls } from '@/components/admin/filter-note';
import { QueueTable } from '@/components/moderation/queue-table';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/field';
import { FilterInput, FilterSelect } from '@/components/ui/filters';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requirePageRole } from '@/lib/auth/permissions';
import { caseStatuses, reportReasons, reportTargetTypes } from '@/lib/moderation/constants';
import { listCaseCourses, listQueue, listStaff } from '@/lib/moderation/queries';
import { caseAges, queueFilterSchema, queueSorts } from '@/lib/moderation/schemas';

const BASE = '/moderation';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('moderation'))('title') };
}

export default async function ModerationPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const me = await requirePageRole(['moderator', 'admin']);
  const f = queueFilterSchema.parse(await searchParams);
  const [t, queue, staff, courses] = await Promise.all([getTranslations('moderation'), listQueue(me, f), listStaff(), listCaseCourses()]);
  const params = { status: f.status, reason: f.reason, targetType: f.targetType, courseId: f.courseId, assignee: f.assignee, age: f.age, escalated: f.escalated, q: f.q, sort: f.sort };
  const sortLabel = { priority: 'sortPriority', newest: 'sortNewest', oldest: 'sortOldest', reports: 'sortReports' } as const;
  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <div className="flex gap-4 text-sm">
            <Link href="/moderation/stats" className={adminLinkCls}>
              {t('queue.stats')}
            </Link>
            {me.role === 'admin' && (
              <Link href="/moderation/audit" className={adminLinkCls}>
                {t('queue.audit')}
              </Link>
            )}
          </div>
        }
      />
      <form method="get" action={BASE} className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('queue.filtersLabel')}>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">
            {t('queue.status')}
          </label>
          <Select id="status" name="status" defaultValue={f.status}>
            {(['active', ...caseStatuses, 'all'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <FilterSelect id="reason" name="reason" label={t('queue.reason')} value={f.reason} allLabel={t('queue.anyReason')} options={reportReasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))} />
        <FilterSelect id="targetType" name="targetType" label={t('queue.targetType')} value={f.targetType} allLabel={t('queue.anyTarget')} options={reportTargetTypes.map((r) => ({ value: r, label: t(`targets.${r}`) }))} />
        <FilterSelect id="courseId" name="courseId" label={t('queue.course')} value={f.courseId} allLabel={t('queue.anyCourse')} options={courses.map((c) => ({ value: c.id, label: c.title }))} className="max-w-48" />
        <FilterSelect
          id="assignee"
          name="assignee"
          label={t('queue.assignee')}
          value={f.assignee}
          allLabel={t('queue.anyAssignee')}
          options={[{ value: 'me', label: t('queue.assigneeMe') }, { value: 'none', label: t('queue.assigneeNone') }, ...staff.filter((s) => s.id !== me.id).map((s) => ({ value: s.id, label: s.name || s.email }))]}
        />
        <FilterSelect id="age" name="age" label={t('queue.age')} value={f.age} allLabel={t('queue.anyAge')} options={caseAges.map((a) => ({ value: a, label: t(`queue.age${a}`) }))} />
        <FilterSelect id="sort" name="sort" label={t('queue.sort')} value={f.sort} allLabel={t('queue.sortPriority')} options={queueSorts.filter((s) => s !== 'priority').map((s) => ({ value: s, label: t(`queue.${sortLabel[s]}`) }))} />
        <FilterInput id="q" name="q" type="search" label={t('queue.search')} maxLength={200} defaultValue={f.q ?? ''} placeholder={t('queue.searchPlaceholder')} className="w-56" />
        <label className="flex items-center gap-2 py-2 text-sm">
          <input type="checkbox" name="escalated" value="1" defaultChecked={Boolean(f.escalated)} className="size-4" />
          {t('queue.escalatedOnly')}
        </label>
        <Button type="submit" variant="secondary">
          {t('queue.apply')}
        </Button>
        <Link href={BASE} className={`${adminLinkCls} py-2 text-sm`}>
          {t('queue.reset')}
        </Link>
      </form>
      {queue.items.length === 0 ? <EmptyState title={t('emptyTitle')} description={t('emptyDescription')} /> : <QueueTable items={queue.items} />}
      <Pagination page={queue.page} pageSize={queue.pageSize} total={queue.total} basePath={BASE} params={params} />
    </>
  );
}
