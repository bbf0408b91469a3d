'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { claimHomeworkAction } from '@/lib/homework/actions';

export function ClaimButton({ submissionId, claimedByMe }: { submissionId: string; claimedByMe: boolean }) {
  const t = useTranslations('homework');
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const r = await claimHomeworkAction({ submissionId, release: claimedByMe });
          if (r.ok) router.refresh();
          else toast.error(r.error.fieldErrors?.submissionId ? t('claimedByOther') : r.error.message);
        })
      }
    >
      {claimedByMe ? t('inbox.release') : t('inbox.claim')}
    </Button>
  );
}
