'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { markLessonCompleteAction } from '@/lib/learning/actions';

export function MarkCompleteButton({ courseId, lessonId }: { courseId: string; lessonId: string }) {
  const t = useTranslations('learn');
  return (
    <ActionButton run={() => markLessonCompleteAction({ courseId, lessonId })} pendingLabel={t('markingComplete')} successMessage={t('markedComplete')}>
      {t('markComplete')}
    </ActionButton>
  );
}
