import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function PreviewBanner({ courseId }: { courseId: string }) {
  const t = await getTranslations('learn');
  return (
    <div role="note" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <span>{t('previewBanner')}</span>
      <Link href={`/courses/${courseId}/outline`} className="font-medium underline">
        {t('backToBuilder')}
      </Link>
    </div>
  );
}
