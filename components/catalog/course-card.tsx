import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { CatalogCourseCard } from '@/lib/catalog/dto';
import { formatDuration, languageName } from '@/lib/catalog/format';
import { landingHref } from '@/lib/catalog/routes';
import { CourseCover } from './course-cover';

export async function CourseCard({ course, headingLevel = 2 }: { course: CatalogCourseCard; headingLevel?: 2 | 3 }) {
  const [t, locale] = await Promise.all([getTranslations('catalog'), getLocale()]);
  const Heading = `h${headingLevel}` as const;
  const duration = formatDuration(t, course.totalDurationSeconds);
  return (
    <article className="relative flex w-full flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm focus-within:ring-2 focus-within:ring-brand-500 dark:border-slate-800 dark:bg-slate-900" data-testid={`course-card-${course.slug}`}>
      <CourseCover title={course.title} url={course.coverImageUrl} className="aspect-[16/9]" />
      <div className="flex flex-1 flex-col gap-2 p-4">
        <Heading className="text-base font-semibold leading-snug">
          {/* The whole card is clickable through this link's ::after; the link text is the title. */}
          <Link href={landingHref(course.slug)} className="after:absolute after:inset-0 hover:underline focus:outline-none">
            {course.title}
          </Link>
        </Heading>
        {course.shortDescription && <p className="line-clamp-3 text-sm text-slate-700 dark:text-slate-300">{course.shortDescription}</p>}
        <div className="mt-auto flex flex-wrap gap-1.5 pt-2">
          <Badge tone="info">{t(`levels.${course.level}`)}</Badge>
          <Badge>{languageName(course.language, locale)}</Badge>
          {course.tags.slice(0, 3).map((tag) => (
            <Badge key={tag}>#{tag}</Badge>
          ))}
        </div>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {t('lessons', { count: course.lessonCount })}
          {duration && ` · ${duration}`}
        </p>
      </div>
    </article>
  );
}
