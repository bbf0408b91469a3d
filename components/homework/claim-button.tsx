'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { claimHomeworkAction } from '@/lib/homework/actions';

export function ClaimButton({ submissionId, claimedByMe }: { submissionId: string; claimedByMe: boolean }) {
  const t = useTranslations('homework');
  return (
    <ActionButton
      variant="secondary"
      size="sm"
      run={() => claimHomeworkAction({ submissionId, release: claimedByMe })}
      errorMessage={(e) => (e.fieldErrors?.submissionId ? t('claimedByOther') : e.message)}
    >
      {claimedByMe ? t('inbox.release') : t('inbox.claim')}
    </ActionButton>
  );
}
