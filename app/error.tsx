'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';

// Shows a generic message and the digest (matches the server log line), never the stack.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t('pageTitle')}</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">{t('pageBody')}</p>
      {error.digest && <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{t('reference', { id: error.digest })}</p>}
      <Button className="mt-6" onClick={reset}>
        {t('retry')}
      </Button>
    </main>
  );
}
