'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { markLessonCompleteAction } from '@/lib/learning/actions';

export function MarkCompleteButton({ courseId, lessonId }: { courseId: string; lessonId: string }) {
  const t = useTranslations('learn');
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      disabled={pending}
      onClick={() =>
        start(async () => {
          const r = await markLessonCompleteAction({ courseId, lessonId });
          if (r.ok) {
            toast.success(t('markedComplete'));
            router.refresh();
          } else toast.error(r.error.message);
        })
      }
    >
      {pending ? t('markingComplete') : t('markComplete')}
    </Button>
  );
}
