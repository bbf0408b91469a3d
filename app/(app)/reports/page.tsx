import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CaseStatusBadge } from '@/components/moderation/case-bits';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { listMyReports } from '@/lib/moderation/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('moderation'))('myReports.title') };
}

/** The signed-in user's own reports (nobody else's) and what came of them. */
export default async function MyReportsPage() {
  const me = await requireUser();
  const [t, format, reports] = await Promise.all([getTranslations('moderation'), getFormatter(), listMyReports(me.id)]);
  return (
    <>
      <PageHeader title={t('myReports.title')} />
      {reports.length === 0 ? (
        <EmptyState title={t('myReports.empty')} />
      ) : (
        <DataTable caption={t('myReports.caption')} columns={[t('myReports.what'), t('myReports.reason'), t('myReports.when'), t('myReports.status'), t('myReports.outcome')]}>
          {reports.map((r) => (
            <Row key={r.id} data-testid={`my-report-${r.id}`}>
              <Cell>
                <div className="font-medium">{r.title}</div>
                <div className="text-xs text-slate-700 dark:text-slate-300">{t(`targets.${r.targetType}`)}</div>
              </Cell>
              <Cell>{t(`reasons.${r.reason}`)}</Cell>
              <Cell className="whitespace-nowrap">
                <time dateTime={r.createdAt}>{format.dateTime(new Date(r.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
              </Cell>
              <Cell>
                <CaseStatusBadge status={r.caseStatus} />
              </Cell>
              <Cell>{r.caseStatus === 'open' || r.caseStatus === 'in_review' ? t('myReports.pending') : r.outcome && r.outcome !== 'dismiss' ? t(`actions.${r.outcome}`) : t('myReports.noAction')}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </>
  );
}
