import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';

/**
 * Downloads the course as a `.lectern.json` file (see docs/course-format.md). A plain link: the
 * route checks the session and the course role itself. Show it to the course's editors only.
 */
export function ExportLink({ courseId, courseTitle, className }: { courseId: string; courseTitle?: string; className?: string }) {
  const t = useTranslations('courseTransfer');
  return (
    <a
      href={`/api/courses/${courseId}/export`}
      download
      aria-label={courseTitle ? t('exportLabel', { title: courseTitle }) : undefined}
      className={cn(
        'inline-flex items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
        className,
      )}
    >
      {t('export')}
    </a>
  );
}
