'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { courseHomeHref, landingHref } from '@/lib/catalog/routes';
import { enrollAction, joinCourseAction, unenrollAction } from '@/lib/enrollments/actions';

export type EnrollState = 'anonymous' | 'enrolled' | 'canJoin' | 'canEnroll' | 'inviteOnly' | 'notOpen';

const linkButton = 'inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium';

/** The call to action on a landing page: enroll, join with an invite, go to the course, or leave it. */
export function EnrollPanel({ courseId, slug, state, invite }: { courseId: string; slug: string; state: EnrollState; invite: string | null }) {
  const t = useTranslations('enrollment');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  // The "Unenroll" button disappears while asking: move focus to the answer so keyboard users keep their place.
  useEffect(() => {
    if (confirming) confirmRef.current?.querySelector('button')?.focus();
  }, [confirming]);

  const run = (call: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>, success: string, after?: () => void) =>
    start(async () => {
      try {
        const r = await call();
        if (!r.ok) {
          setError(r.error.message);
          return;
        }
        setError(null);
        setConfirming(false);
        toast.success(success);
        after?.();
        router.refresh();
      } catch {
        setError(t('networkError'));
      }
    });

  return (
    <div className="space-y-3">
      <FormError message={error} />
      {state === 'anonymous' && (
        <Link href={`/login?callbackUrl=${encodeURIComponent(landingHref(slug, invite))}`} className={`${linkButton} bg-brand-600 text-white hover:bg-brand-700`}>
          {invite ? t('signInToJoin') : t('signInToEnroll')}
        </Link>
      )}
      {state === 'canEnroll' && (
        <Button disabled={pending} onClick={() => run(() => enrollAction({ courseId }), t('enrolledToast'))}>
          {pending ? t('enrolling') : t('enroll')}
        </Button>
      )}
      {state === 'canJoin' && (
        <>
          <p className="text-sm">{t('invitedNotice')}</p>
          <Button disabled={pending} onClick={() => run(() => joinCourseAction({ courseId, token: invite ?? '' }), t('joinedToast'), () => router.replace(landingHref(slug)))}>
            {pending ? t('joining') : t('join')}
          </Button>
        </>
      )}
      {state === 'inviteOnly' && <p className="text-sm text-slate-700 dark:text-slate-300">{t('inviteOnly')}</p>}
      {state === 'notOpen' && <p className="text-sm text-slate-700 dark:text-slate-300">{t('notOpen')}</p>}
      {state === 'enrolled' && (
        <div className="space-y-3">
          <p className="text-sm font-medium text-green-800 dark:text-green-300">{t('enrolledBadge')}</p>
          <div className="flex flex-wrap gap-2">
            <Link href={courseHomeHref(slug)} className={`${linkButton} bg-brand-600 text-white hover:bg-brand-700`}>
              {t('goToCourse')}
            </Link>
            {!confirming && (
              <Button variant="secondary" onClick={() => setConfirming(true)}>
                {t('unenroll')}
              </Button>
            )}
          </div>
          {confirming && (
            <div ref={confirmRef} role="group" aria-labelledby="unenroll-q" className="rounded-md border border-slate-300 p-3 dark:border-slate-700">
              <p id="unenroll-q" className="mb-2 text-sm">
                {t('unenrollConfirm')}
              </p>
              <div className="flex gap-2">
                <Button variant="danger" size="sm" disabled={pending} onClick={() => run(() => unenrollAction({ courseId }), t('unenrolledToast'))}>
                  {t('unenrollYes')}
                </Button>
                <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </Button>
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
