import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { TargetSnapshot } from '@/lib/moderation/dto';

/** The reported content as text and (already sanitized) HTML, with its moderation flags. */
export function SnapshotView({ snapshot, testId }: { snapshot: TargetSnapshot; testId: string }) {
  const t = useTranslations('moderation.case');
  return (
    <div className="space-y-2 text-sm" data-testid={testId}>
      <p className="font-semibold">{snapshot.title || '—'}</p>
      <div className="flex flex-wrap gap-1">
        {'status' in snapshot && <Badge>{snapshot.status}</Badge>}
        {snapshot.kind === 'lesson' && snapshot.hidden && <Badge tone="danger">{t('hiddenFlag')}</Badge>}
        {snapshot.kind === 'homework_message' && snapshot.removed && <Badge tone="danger">{t('removedFlag')}</Badge>}
        {snapshot.kind === 'user' && snapshot.blocked && <Badge tone="danger">{t('blockedFlag')}</Badge>}
      </div>
      {snapshot.kind === 'homework_message' && <p className="text-slate-700 dark:text-slate-300">{snapshot.author}</p>}
      {'text' in snapshot && snapshot.text && <p className="whitespace-pre-wrap">{snapshot.text}</p>}
      {/* Lesson and message HTML is sanitized before it is stored (lib/content/sanitize). */}
      {'html' in snapshot && snapshot.html && <div tabIndex={0} role="region" aria-label={snapshot.title || 'content'} className="prose-lesson max-h-80 overflow-auto rounded border border-slate-200 p-3 dark:border-slate-800" dangerouslySetInnerHTML={{ __html: snapshot.html }} />}
    </div>
  );
}
