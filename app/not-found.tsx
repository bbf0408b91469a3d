import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('errors');
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">{t('notFoundBody')}</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline dark:text-indigo-300">
        {t('home')}
      </Link>
    </main>
  );
}
