'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { clearSearchHistoryAction } from '@/lib/materials/actions';

export function ClearSearchHistoryButton({ courseId }: { courseId: string }) {
  const t = useTranslations('materials.search');
  return (
    <ActionButton variant="ghost" size="sm" run={() => clearSearchHistoryAction({ courseId })} successMessage={t('cleared')}>
      {t('clear')}
    </ActionButton>
  );
}
