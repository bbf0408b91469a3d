import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { CaseStatus } from '@/lib/moderation/constants';

const statusTone = { open: 'warning', in_review: 'info', resolved: 'success', dismissed: 'neutral' } as const;

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const t = useTranslations('moderation.statuses');
  return <Badge tone={statusTone[status]}>{t(status)}</Badge>;
}

const keys = [
  ['j', 'keyJ'],
  ['k', 'keyK'],
  ['Enter', 'keyEnter'],
  ['x', 'keyX'],
  ['a', 'keyA'],
  ['d', 'keyD'],
  ['?', 'keyHelp'],
] as const;

/** The visible list of triage shortcuts. */
export function KeyboardHelp({ id, only }: { id: string; only?: readonly string[] }) {
  const t = useTranslations('moderation.queue');
  return (
    <section id={id} aria-label={t('keyboardTitle')} className="mb-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-950">
      <ul className="flex flex-wrap gap-x-6 gap-y-1">
        {keys
          .filter(([k]) => !only || only.includes(k))
          .map(([k, label]) => (
            <li key={k}>
              <kbd className="rounded border border-slate-300 bg-white px-1.5 font-mono text-xs dark:border-slate-700 dark:bg-slate-900">{k}</kbd> {t(label)}
            </li>
          ))}
      </ul>
    </section>
  );
}
