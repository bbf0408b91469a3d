import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClaimButton } from '@/components/homework/claim-button';
import { HomeworkComposer } from '@/components/homework/homework-composer';
import { HomeworkStatus } from '@/components/homework/homework-status';
import { HomeworkThread } from '@/components/homework/homework-thread';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
import { lessonHref } from '@/lib/catalog/routes';
import { getHomeworkThread } from '@/lib/homework/queries';

type Props = { params: Promise<{ submissionId: string }> };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('homework'))('inbox.title') };
}

export default async function InboxThreadPage({ params }: Props) {
  const me = await requirePageRole(['author', 'admin']);
  const { submissionId } = await params;
  if (!UUID.test(submissionId)) notFound();
  const found = await getHomeworkThread(me, submissionId);
  // Only the course's teachers review here; a thread the viewer does not teach does not exist for them.
  if (!found || found.role !== 'teacher') notFound();
  const { thread } = found;
  const t = await getTranslations('homework');
  const student = thread.student.name || thread.student.email;
  return (
    <>
      <PageHeader title={t('inbox.threadTitle', { lesson: thread.lessonTitle, student })} crumbs={[{ label: t('inbox.title'), href: '/inbox' }, { label: student }]} />
      <div className="mb-4 flex flex-wrap items-center gap-3 text-sm">
        <span>{thread.courseTitle}</span>
        <Link href={lessonHref(thread.courseSlug, thread.lessonId)} className="text-brand-600 underline dark:text-indigo-300">
          {t('inbox.viewLesson')}
        </Link>
        <HomeworkStatus status={thread.status} grade={thread.grade} />
        <span data-testid="claim-state">{thread.claimedBy ? (thread.claimedBy.id === me.id ? t('inbox.claimedByYou') : t('inbox.claimedBy', { name: thread.claimedBy.name })) : t('inbox.unclaimed')}</span>
        {(!thread.claimedBy || thread.claimedBy.id === me.id) && <ClaimButton submissionId={thread.id} claimedByMe={thread.claimedBy?.id === me.id} />}
      </div>
      <section aria-labelledby="thread-h" className="space-y-4">
        <h2 id="thread-h" className="text-lg font-semibold">
          {t('thread')}
        </h2>
        <HomeworkThread messages={thread.messages} viewerId={me.id} />
        <HomeworkComposer mode="teacher" courseId={thread.courseId} lessonId={thread.lessonId} studentId={thread.student.id} submissionId={thread.id} status={thread.status} />
      </section>
    </>
  );
}
