import type { Metadata } from 'next';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { AddStudentsForm } from '@/components/enrollment/add-students-form';
import { InviteLinkPanel } from '@/components/enrollment/invite-link-panel';
import { CancelInviteButton, RemoveStudentButton } from '@/components/enrollment/student-actions';
import { UnlockLessonButton } from '@/components/enrollment/unlock-lesson-button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CourseNav } from '@/components/courses/course-nav';
import { Pagination } from '@/components/ui/pagination';
import { getCourseRole, hasCourseRole, requirePageRole } from '@/lib/auth/permissions';
import { landingHref, studentsHref } from '@/lib/catalog/routes';
import { inviteUrl } from '@/lib/enrollments/invite-token';
import { getStudentsPageData } from '@/lib/enrollments/queries';
import { listStudentsSchema } from '@/lib/enrollments/schemas';

type Props = { params: Promise<{ courseId: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('enrollment'))('students.title') };
}

export default async function CourseStudentsPage({ params, searchParams }: Props) {
  const user = await requirePageRole(['author', 'admin']);
  const { courseId } = await params;
  // Not a course id, not this author's course, or no such course: the same 404, revealing nothing.
  if (!z.uuid().safeParse(courseId).success) notFound();
  if (user.role !== 'admin' && !hasCourseRole(await getCourseRole(user.id, courseId), 'editor')) notFound();
  const { page } = listStudentsSchema.parse(await searchParams);
  const data = await getStudentsPageData(courseId, page);
  if (!data) notFound();
  const [t, format] = await Promise.all([getTranslations('enrollment'), getFormatter()]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });
  const { course } = data;
  return (
    <>
      <PageHeader
        title={t('students.title')}
        crumbs={[{ label: t('students.courses'), href: '/courses' }, { label: course.title, href: landingHref(course.slug) }, { label: t('students.title') }]}
      />
      <CourseNav courseId={course.id} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-1 text-lg font-semibold">{t('students.addTitle')}</h2>
          <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{t('students.addHint')}</p>
          <AddStudentsForm courseId={course.id} />
        </Card>
        <Card className="self-start">
          <h2 className="mb-3 text-lg font-semibold">{t('students.inviteTitle')}</h2>
          <InviteLinkPanel courseId={course.id} initialUrl={course.inviteToken ? inviteUrl(course.slug, course.inviteToken) : null} />
        </Card>
      </div>

      <section aria-labelledby="enrolled-h" className="mt-8">
        <h2 id="enrolled-h" className="mb-3 text-lg font-semibold">
          {t('students.enrolledTitle', { count: data.total })}
        </h2>
        {data.students.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">{t('students.noStudents')}</p>
        ) : (
          <DataTable caption={t('students.enrolledTitle', { count: data.total })} columns={[t('students.name'), t('students.email'), t('students.source'), t('students.enrolledAt'), t('students.progress'), t('students.actions')]}>
                {data.students.map((s) => (
                  <Row key={s.userId} data-testid={`student-row-${s.email}`}>
                    <Cell className="font-medium">{s.name || '—'}</Cell>
                    <Cell className="break-all">{s.email}</Cell>
                    <Cell>{t(`students.sources.${s.source}`)}</Cell>
                    <Cell className="whitespace-nowrap">{date(s.enrolledAt)}</Cell>
                    <Cell className="whitespace-nowrap">
                      {t('students.progressValue', { done: Math.min(s.completedLessons, data.lessons.length), total: data.lessons.length })}
                      {s.lastActivityAt && <span className="block text-xs text-slate-600 dark:text-slate-400">{t('students.lastActivity', { date: date(s.lastActivityAt) })}</span>}
                    </Cell>
                    <Cell>
                      <div className="flex flex-wrap gap-2">
                        {data.lessons.length > 0 && <UnlockLessonButton courseId={course.id} userId={s.userId} email={s.email} lessons={data.lessons} />}
                        <RemoveStudentButton courseId={course.id} userId={s.userId} email={s.email} />
                      </div>
                    </Cell>
                  </Row>
                ))}
              </DataTable>
        )}
        {data.total > data.pageSize && <Pagination page={data.page} pageSize={data.pageSize} total={data.total} basePath={studentsHref(course.id)} params={{}} />}
      </section>

      {data.invites.length > 0 && (
        <section aria-labelledby="pending-h" className="mt-8">
          <h2 id="pending-h" className="mb-3 text-lg font-semibold">
            {t('students.pendingTitle', { count: data.invites.length })}
          </h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {data.invites.map((i) => (
              <li key={i.email} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm" data-testid={`invite-row-${i.email}`}>
                <span className="break-all">{i.email}</span>
                <span className="flex items-center gap-3">
                  <span className="text-slate-600 dark:text-slate-400">
                    {t('students.invitedAt')} {date(i.invitedAt)}
                  </span>
                  <CancelInviteButton courseId={course.id} email={i.email} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
