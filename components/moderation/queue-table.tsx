'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import type { ActionResult } from '@/lib/errors';
import { bulkCasesAction } from '@/lib/moderation/actions';
import type { QueueItem } from '@/lib/moderation/dto';
import { ReasonDialog } from './reason-dialog';
import { CaseStatusBadge, KeyboardHelp } from './case-bits';
import { useTriageKeys } from './use-triage-keys';

/** The queue with bulk selection and keyboard triage (j/k move, x select, a assign, d dismiss, ? help). */
export function QueueTable({ items }: { items: QueueItem[] }) {
  const t = useTranslations('moderation');
  const format = useFormatter();
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(-1);
  const [help, setHelp] = useState(false);
  const [pending, start] = useTransition();
  const dismissRef = useRef<HTMLDialogElement>(null);
  // Which cases the dismiss dialog applies to: the selection, or the focused case from the keyboard.
  const [dismissIds, setDismissIds] = useState<string[]>([]);

  const rowLink = (i: number) => document.querySelector<HTMLAnchorElement>(`[data-case-row="${i}"] a[data-case-link]`);
  const move = (d: number) => {
    if (!items.length) return;
    const next = Math.min(items.length - 1, Math.max(0, focus + d));
    setFocus(next);
    rowLink(next)?.focus();
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const casesOf = (ids: string[]) => items.filter((i) => ids.includes(i.id)).map((i) => ({ caseId: i.id, expectedVersion: i.version }));

  const run = (call: () => Promise<ActionResult<unknown>>) =>
    new Promise<boolean>((resolve) =>
      start(async () => {
        const r = await call();
        if (r.ok) {
          toast.success(t('queue.done'));
          setSelected(new Set());
        } else toast.error(r.error.message);
        router.refresh();
        resolve(r.ok);
      }),
    );
  const assign = (ids: string[]) => ids.length && run(() => bulkCasesAction({ cases: casesOf(ids), operation: 'assign_me' }));
  const askDismiss = (ids: string[]) => {
    if (!ids.length) return;
    setDismissIds(ids);
    dismissRef.current?.showModal();
  };
  const focused = items[focus];

  useTriageKeys({
    j: () => move(1),
    k: () => move(-1),
    x: () => focused && toggle(focused.id),
    a: () => focused && assign([focused.id]),
    d: () => focused && askDismiss([focused.id]),
    '?': () => setHelp((h) => !h),
  });

  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-2" role="toolbar" aria-label={t('queue.selected', { count: selected.size })}>
        <span className="text-sm" aria-live="polite">
          {t('queue.selected', { count: selected.size })}
        </span>
        <Button size="sm" variant="secondary" disabled={!selected.size || pending} onClick={() => assign([...selected])}>
          {t('queue.assignSelected')}
        </Button>
        <Button size="sm" variant="secondary" disabled={!selected.size || pending} onClick={() => askDismiss([...selected])}>
          {t('queue.dismissSelected')}
        </Button>
        <Button size="sm" variant="ghost" aria-expanded={help} aria-controls="triage-help" onClick={() => setHelp((h) => !h)} className="ml-auto">
          {t('queue.keyboardTitle')} (?)
        </Button>
      </div>
      {help && <KeyboardHelp id="triage-help" />}
      <p className="sr-only" aria-live="polite">
        {focused ? t('queue.focusedCase', { n: focus + 1, total: items.length, title: focused.title }) : ''}
      </p>
      <DataTable
        caption={t('queue.caption')}
        columns={[
          <input key="all" type="checkbox" aria-label={t('queue.selectAll')} checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))} className="size-4" />,
          t('queue.case'),
          t('queue.reason'),
          t('queue.reports'),
          t('queue.severity'),
          t('queue.assignedTo'),
          t('queue.firstReport'),
        ]}
      >
        {items.map((c, i) => (
          <Row key={c.id} data-case-row={i} data-testid={`case-row-${c.id}`} className={i === focus ? 'bg-indigo-50 dark:bg-indigo-950/50' : undefined}>
            <Cell>
              <input type="checkbox" aria-label={t('queue.selectCase', { title: c.title })} checked={selected.has(c.id)} onChange={() => toggle(c.id)} className="size-4" />
            </Cell>
            <Cell>
              <Link href={`/moderation/cases/${c.id}`} data-case-link onFocus={() => setFocus(i)} className="font-medium text-brand-600 underline dark:text-indigo-300">
                {c.title || '—'}
              </Link>
              <div className="mt-1 flex flex-wrap gap-1">
                <Badge>{t(`targets.${c.targetType}`)}</Badge>
                <CaseStatusBadge status={c.status} />
                {c.escalated && <Badge tone="danger">{t('queue.escalated')}</Badge>}
              </div>
            </Cell>
            <Cell className="text-xs">{c.reasons.map((r) => t(`reasons.${r}`)).join(', ')}</Cell>
            <Cell className="tabular-nums">{c.reportCount}</Cell>
            <Cell className="tabular-nums">{c.severity}</Cell>
            <Cell>{c.assignee ? c.assignee.name || c.assignee.email : t('queue.unassigned')}</Cell>
            <Cell className="whitespace-nowrap">
              <time dateTime={c.firstReportAt}>{format.dateTime(new Date(c.firstReportAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
            </Cell>
          </Row>
        ))}
      </DataTable>
      <ReasonDialog
        dialogRef={dismissRef}
        title={t('queue.dismissTitle', { count: dismissIds.length })}
        label={t('queue.dismissReason')}
        confirmLabel={t('queue.confirmDismiss')}
        onConfirm={(reason) => run(() => bulkCasesAction({ cases: casesOf(dismissIds), operation: 'dismiss', reason }))}
      />
    </>
  );
}
