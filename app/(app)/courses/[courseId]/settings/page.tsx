import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { CourseActions } from '@/components/courses/course-actions';
import { CourseMembers } from '@/components/courses/course-members';
import { CourseNav } from '@/components/courses/course-nav';
import { ExportLink } from '@/components/courses/export-link';
import { CourseSettingsForm } from '@/components/courses/course-settings-form';
import { PublishPanel } from '@/components/courses/publish-panel';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
import { checkPublishable, getCourseAccess, getCourseSettings, listCourseMembers } from '@/lib/courses/queries';

type Props = { params: Promise<{ courseId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('courses'))('settings.title') };
}

export default async function CourseSettingsPage({ params }: Props) {
  const me = await requirePageRole(['author', 'admin']);
  const { courseId } = await params;
  const access = await getCourseAccess(me, courseId);
  if (!access) notFound();
  const [t, tAll, course, members, problems] = await Promise.all([getTranslations('courses'), getTranslations(), getCourseSettings(access.id), listCourseMembers(access.id), checkPublishable(access.id)]);
  if (!course) notFound();
  return (
    <>
      <PageHeader title={course.title} crumbs={[{ label: t('list.title'), href: '/courses' }, { label: course.title, href: `/courses/${course.id}/outline` }, { label: t('nav.settings') }]} />
      <CourseNav courseId={course.id} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <section aria-labelledby="settings-heading">
            <h2 id="settings-heading" className="mb-4 text-lg font-semibold">
              {t('settings.title')}
            </h2>
            <CourseSettingsForm course={course} />
          </section>
        </Card>
        <div className="space-y-6">
          <Card>
            <section aria-labelledby="publish-heading">
              <h2 id="publish-heading" className="mb-3 text-lg font-semibold">
                {t('publish.title')}
              </h2>
              <PublishPanel courseId={course.id} status={course.status} problems={problems.map((p) => tAll(p.key as never, p.params as never))} />
            </section>
          </Card>
          <Card>
            <section aria-labelledby="members-heading">
              <h2 id="members-heading" className="mb-3 text-lg font-semibold">
                {t('members.title')}
              </h2>
              <CourseMembers courseId={course.id} members={members} canManage={access.canManage} />
            </section>
          </Card>
          <Card>
            <section aria-labelledby="actions-heading">
              <h2 id="actions-heading" className="mb-3 text-lg font-semibold">
                {t('actions.title')}
              </h2>
              <CourseActions course={{ id: course.id, title: course.title, status: course.status }} canManage={access.canManage} />
              <div className="mt-4">
                <ExportLink courseId={course.id} courseTitle={course.title} />
              </div>
            </section>
          </Card>
        </div>
      </div>
    </>
  );
}
