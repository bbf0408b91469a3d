'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import { reportReasons } from '@/lib/moderation/constants';
import type { ModerationStats } from '@/lib/moderation/dto';

function ChartsLoading() {
  const t = useTranslations('moderation.stats');
  return (
    <p role="status" className="text-sm">
      {t('loading')}
    </p>
  );
}

// Recharts (~100 KiB gzip) loads on demand, in the browser only.
const ModerationCharts = dynamic(() => import('./moderation-charts'), { ssr: false, loading: ChartsLoading });

/** Charts, or the same data as tables (for screen readers and for copying numbers). */
export function LazyModerationCharts({ stats }: { stats: ModerationStats }) {
  const t = useTranslations('moderation');
  const [tables, setTables] = useState(false);
  return (
    <div className="space-y-4">
      <Button variant="secondary" size="sm" aria-pressed={tables} onClick={() => setTables((v) => !v)}>
        {tables ? t('stats.showCharts') : t('stats.showTable')}
      </Button>
      {tables ? <StatsTables stats={stats} /> : <ModerationCharts stats={stats} />}
    </div>
  );
}

/** One captioned table under its heading. */
function TableSection({ title, columns, rows }: { title: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <>
      <h2 className="mt-6 mb-2 font-semibold">{title}</h2>
      <DataTable caption={title} columns={columns}>
        {rows.map((r, i) => (
          <Row key={i}>
            {r.map((v, j) => (
              <Cell key={j}>{v}</Cell>
            ))}
          </Row>
        ))}
      </DataTable>
    </>
  );
}

function StatsTables({ stats }: { stats: ModerationStats }) {
  const t = useTranslations('moderation');
  return (
    <div data-testid="stats-tables">
      <TableSection
        title={t('stats.reportsByDay')}
        columns={[t('stats.day'), ...reportReasons.map((r) => t(`reasons.${r}`))]}
        rows={stats.reportsByDay.map((d) => [d.day, ...reportReasons.map((r) => d[r] ?? 0)])}
      />
      <TableSection title={t('stats.backlog')} columns={[t('stats.day'), t('stats.open')]} rows={stats.backlog.map((b) => [b.day, b.open])} />
      <TableSection
        title={t('stats.timings')}
        columns={[t('stats.metric'), t('stats.median'), t('stats.p90'), t('stats.cases')]}
        rows={stats.timings.map((x) => [t(`stats.${x.metric}`), x.medianHours ?? '—', x.p90Hours ?? '—', x.cases])}
      />
      <TableSection title={t('stats.actionsByType')} columns={[t('case.action'), t('stats.count')]} rows={stats.actionsByType.map((a) => [t(`actions.${a.type}`), a.count])} />
      <TableSection title={t('stats.throughput')} columns={[t('stats.moderator'), t('stats.count')]} rows={stats.throughput.map((x) => [x.moderator, x.actions])} />
      <TableSection title={t('stats.topCourses')} columns={[t('queue.course'), t('stats.count')]} rows={stats.topCourses.map((c) => [c.title, c.reports])} />
    </div>
  );
}
