'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { csvFileName, toCsv } from '@/lib/csv';

type Cell = string | number | null;

/**
 * "Download CSV" of data the page already holds (a chart's rows, a top-10 table): built in the
 * browser, so it is exactly what is on screen, with a BOM for spreadsheet apps. `title` names the
 * button for screen readers; `fileId` names the file.
 */
export function CsvButton({ fileId, title, header, rows }: { fileId: string; title: string; header: string[]; rows: Cell[][] }) {
  const t = useTranslations('analytics.chart');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`\uFEFF${toCsv(header, rows)}`], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = csvFileName(fileId);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Button size="sm" variant="secondary" onClick={download}>
      {t('csv')}
      <span className="sr-only">: {title}</span>
    </Button>
  );
}
