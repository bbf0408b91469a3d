import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { HomeworkThreadDto } from '@/lib/homework/dto';

const tone = { submitted: 'info', needs_revision: 'warning', accepted: 'success' } as const;

export async function HomeworkStatus({ status, grade }: { status: HomeworkThreadDto['status'] | null; grade?: number | null }) {
  const t = await getTranslations('homework');
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="homework-status" data-status={status ?? 'none'}>
      <Badge tone={status ? tone[status] : 'neutral'}>{t(`status.${status ?? 'none'}`)}</Badge>
      {status === 'accepted' && grade !== null && grade !== undefined && <span className="text-sm font-medium" data-testid="homework-grade">{t('gradeLine', { grade })}</span>}
    </span>
  );
}
