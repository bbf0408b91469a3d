import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CourseStatusBadge } from '@/components/courses/course-status-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { requirePageRole } from '@/lib/auth/permissions';
import { listCoursesForUser } from '@/lib/courses/queries';
import { listCoursesSchema } from '@/lib/courses/schemas';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('courses'))('list.title') };
}

const secondaryLink =
  'inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800';
const buttonLink = 'inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700';

export default async function CoursesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const me = await requirePageRole(['author', 'admin']);
  const { page } = listCoursesSchema.parse(await searchParams);
  const [t, tt, list] = await Promise.all([getTranslations('courses'), getTranslations('courseTransfer'), listCoursesForUser(me, { page })]);
  const newCourse = (
    <div className="flex flex-wrap gap-2">
      <Link href="/courses/import" className={secondaryLink}>
        {tt('importTitle')}
      </Link>
      <Link href="/courses/new" className={buttonLink}>
        {t('list.new')}
      </Link>
    </div>
  );
  return (
    <>
      <PageHeader title={t('list.title')} actions={list.total > 0 ? newCourse : undefined} />
      {list.items.length === 0 ? (
        <EmptyState title={t('list.emptyTitle')} description={t('list.emptyDescription')} action={newCourse} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('list.title')}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950">
              <tr>
                <th scope="col" className="px-4 py-2">{t('list.course')}</th>
                <th scope="col" className="px-4 py-2">{t('list.status')}</th>
                <th scope="col" className="px-4 py-2">{t('fields.visibility')}</th>
                <th scope="col" className="px-4 py-2 text-right">{t('list.lessons')}</th>
                <th scope="col" className="px-4 py-2">{t('list.yourRole')}</th>
                <th scope="col" className="px-4 py-2">{t('list.updated')}</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">{t('list.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid={`course-row-${c.slug}`}>
                  <td className="px-4 py-2">
                    <Link href={`/courses/${c.id}/outline`} className="font-medium text-brand-600 hover:underline dark:text-indigo-300">
                      {c.title}
                    </Link>
                    <div className="text-xs text-slate-600 dark:text-slate-400">{c.slug}</div>
                  </td>
                  <td className="px-4 py-2">
                    <CourseStatusBadge status={c.status} />
                  </td>
                  <td className="px-4 py-2">{t(`visibilities.${c.visibility}`)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{c.lessonCount}</td>
                  <td className="px-4 py-2">{c.role ? t(`members.roles.${c.role}`) : t('list.adminAccess')}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{c.updatedAt.slice(0, 10)}</td>
                  <td className="px-4 py-2 text-right">
                    <Link href={`/courses/${c.id}/settings`} className="hover:underline" aria-label={t('list.settingsFor', { title: c.title })}>
                      {t('nav.settings')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} basePath="/courses" params={{}} />
    </>
  );
}
