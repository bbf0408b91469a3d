import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { courseHomeHref, lessonHref } from '@/lib/catalog/routes';
import { getCourseViewBySlug } from '@/lib/learning/queries';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('learn'))('courseCompleteTitle') };
}

export default async function CourseCompletePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser();
  const view = await getCourseViewBySlug(user, slug);
  if (!view?.enrollment) notFound();
  if (!view.enrollment.completedAt) redirect(courseHomeHref(slug));
  const [t, te, format] = await Promise.all([getTranslations('learn'), getTranslations('enrollment'), getFormatter()]);
  return (
    <Card className="mx-auto max-w-xl text-center">
      <p className="text-5xl" aria-hidden="true">
        🎓
      </p>
      <h1 className="mt-4 text-2xl font-semibold">{t('courseComplete')}</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        {t('courseCompleteBody', { total: view.total, course: view.course.title, date: format.dateTime(new Date(view.enrollment.completedAt), { dateStyle: 'long' }) })}
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        {view.lessons[0] && (
          <Link href={lessonHref(slug, view.lessons[0].id)} className="rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700">
            {t('reviewLessons')}
          </Link>
        )}
        <Link href="/dashboard" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {te('myCourses.title')}
        </Link>
      </div>
    </Card>
  );
}
