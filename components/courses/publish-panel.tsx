'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import type { CourseStatus } from '@/lib/course-constants';
import { publishCourseAction, unpublishCourseAction } from '@/lib/courses/actions';
import { CourseStatusBadge } from './course-status-badge';

/** Status, what blocks publishing (already translated by the page), and publish / unpublish. */
export function PublishPanel({ courseId, status, problems }: { courseId: string; status: CourseStatus; problems: string[] }) {
  const t = useTranslations('courses.publish');
  const router = useRouter();
  const [pending, start] = useTransition();
  const blocked = problems.length > 0;

  const publish = () =>
    start(async () => {
      const r = await publishCourseAction({ courseId });
      if (r.ok) toast.success(t('published'));
      else toast.error(r.error.message);
      // On a refusal the blockers list is stale: reload it from the server.
      router.refresh();
    });
  const unpublish = () =>
    start(async () => {
      const r = await unpublishCourseAction({ courseId });
      if (r.ok) toast.success(t('unpublished'));
      else toast.error(r.error.message);
      router.refresh();
    });

  return (
    <div className="space-y-3">
      <p className="flex items-center gap-2 text-sm">
        {t('status')} <CourseStatusBadge status={status} />
      </p>
      {status !== 'published' &&
        (blocked ? (
          <div id="publish-blockers">
            <p className="text-sm font-medium">{t('blockedTitle')}</p>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-red-800 dark:text-red-300" aria-label={t('blockedTitle')}>
              {problems.map((p, i) => (
                // Two empty modules may share a title, so the text alone is not a unique key.
                <li key={i}>{p}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('ready')}</p>
        ))}
      {status === 'published' ? (
        <Button variant="secondary" disabled={pending} onClick={unpublish}>
          {t('unpublish')}
        </Button>
      ) : (
        <Button disabled={pending || blocked} aria-describedby={blocked ? 'publish-blockers' : undefined} onClick={publish}>
          {t('publish')}
        </Button>
      )}
    </div>
  );
}
