import { useTranslations } from 'next-intl';
import type { MaterialDto } from '@/lib/materials/dto';

/** Extraction state in words (progress, done, no text layer, failure with its reason). */
export function MaterialStatus({ material: m }: { material: MaterialDto }) {
  const t = useTranslations('materials.status');
  if (!m.isPdf) return <p className="text-sm text-slate-600 dark:text-slate-400">{t('none')}</p>;
  const tone = m.extractStatus === 'failed' ? 'text-red-700 dark:text-red-300' : m.extractStatus === 'no_text' ? 'text-amber-800 dark:text-amber-200' : 'text-slate-700 dark:text-slate-300';
  const text =
    m.extractStatus === 'processing'
      ? m.pageCount
        ? t('processing', { done: m.pagesDone, total: m.pageCount })
        : t('processingStart')
      : m.extractStatus === 'done'
        ? t('done', { pages: m.pageCount ?? 0 })
        : m.extractStatus === 'failed'
          ? t('failed', { reason: m.extractError ?? '' })
          : t(m.extractStatus);
  return (
    <p className={`text-sm ${tone}`} role={m.extractStatus === 'processing' ? 'status' : undefined} data-testid="material-status">
      {text}
    </p>
  );
}
