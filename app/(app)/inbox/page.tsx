import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { HomeworkStatus } from '@/components/homework/homework-status';
import { Button } from '@/components/ui/button';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/field';
import { FilterInput, FilterSelect } from '@/components/ui/filters';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requirePageRole } from '@/lib/auth/permissions';
import { INBOX_PAGE_SIZE, inboxFilterOptions, listInbox } from '@/lib/homework/queries';
import { inboxFilterSchema } from '@/lib/homework/schemas';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('homework'))('inbox.title') };
}

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const me = await requirePageRole(['author', 'admin']);
  const filter = inboxFilterSchema.parse(await searchParams);
  const [t, format, options, list] = await Promise.all([getTranslations('homework'), getFormatter(), inboxFilterOptions(me), listInbox(me, filter)]);
  const lessons = filter.courseId ? options.lessons.filter((l) => l.courseId === filter.courseId) : options.lessons;
  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <p className="-mt-4 mb-4 text-sm text-slate-600 dark:text-slate-400">{t('inbox.description')}</p>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('inbox.filters')}>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">
            {t('inbox.statusFilter')}
          </label>
          <Select id="status" name="status" defaultValue={filter.status}>
            <option value="submitted">{t('status.submitted')}</option>
            <option value="needs_revision">{t('status.needs_revision')}</option>
            <option value="accepted">{t('status.accepted')}</option>
            <option value="all">{t('inbox.all')}</option>
          </Select>
        </div>
        <FilterSelect id="courseId" name="courseId" label={t('inbox.course')} value={filter.courseId} allLabel={t('inbox.anyCourse')} options={options.courses.map((c) => ({ value: c.id, label: c.title }))} />
        <FilterSelect id="lessonId" name="lessonId" label={t('inbox.lesson')} value={filter.lessonId} allLabel={t('inbox.anyLesson')} options={lessons.map((l) => ({ value: l.id, label: l.title }))} />
        <FilterInput id="student" name="student" type="search" label={t('inbox.student')} defaultValue={filter.student ?? ''} className="w-56" />
        <Button type="submit" variant="secondary">
          {t('inbox.apply')}
        </Button>
      </form>
      <p className="mb-2 text-sm" data-testid="inbox-total">
        {t('inbox.total', { count: list.total })}
      </p>
      {list.rows.length === 0 ? (
        <EmptyState title={t('inbox.empty')} />
      ) : (
        <DataTable caption={t('inbox.title')} columns={[t('inbox.colStudent'), t('inbox.colCourse'), t('inbox.colLesson'), t('inbox.colStatus'), t('inbox.colClaimed'), t('inbox.colUpdated')]}>
          {list.rows.map((r) => (
            <Row key={r.id} data-testid="inbox-row">
              <Cell>
                <Link href={`/inbox/${r.id}`} className="font-medium text-brand-600 underline dark:text-indigo-300" aria-label={t('inbox.openThread', { student: r.studentName || r.studentEmail, lesson: r.lessonTitle })}>
                  {r.studentName || r.studentEmail}
                </Link>
                <div className="text-slate-600 dark:text-slate-400">{r.studentEmail}</div>
              </Cell>
              <Cell>{r.courseTitle}</Cell>
              <Cell>{r.lessonTitle}</Cell>
              <Cell>
                <HomeworkStatus status={r.status} grade={r.grade} />
              </Cell>
              <Cell>{r.isClaimedByMe ? t('inbox.claimedByYou') : (r.claimedByName ?? t('inbox.unclaimed'))}</Cell>
              <Cell className="whitespace-nowrap">
                <time dateTime={r.lastMessageAt}>{format.dateTime(new Date(r.lastMessageAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Pagination page={filter.page} pageSize={INBOX_PAGE_SIZE} total={list.total} basePath="/inbox" params={{ status: filter.status, courseId: filter.courseId, lessonId: filter.lessonId, student: filter.student }} />
    </>
  );
}
