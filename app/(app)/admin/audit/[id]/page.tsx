import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
import { getAuditEvent } from '@/lib/logs/queries';
import { logIdSchema } from '@/lib/logs/schemas';

type Props = { params: Promise<{ id: string }> };

const linkCls = 'text-brand-600 underline dark:text-indigo-300';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = logIdSchema.safeParse((await params).id);
  const t = await getTranslations('adminLogs');
  return { title: id.success ? t('auditEventTitle', { id: id.data }) : t('auditTitle') };
}

export default async function AdminAuditEventPage({ params }: Props) {
  await requirePageRole(['admin']);
  const id = logIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, format, event] = await Promise.all([getTranslations('adminLogs'), getFormatter(), getAuditEvent(id.data)]);
  if (!event) notFound();
  const title = t('auditEventTitle', { id: event.id });
  return (
    <>
      <PageHeader title={title} crumbs={[{ label: t('admin') }, { label: t('auditTitle'), href: '/admin/audit' }, { label: title }]} />
      <Card className="max-w-4xl">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium">{t('id')}</dt>
          <dd className="font-mono">{event.id}</dd>
          <dt className="font-medium">{t('time')}</dt>
          <dd>
            <time dateTime={event.createdAt}>{format.dateTime(new Date(event.createdAt), { dateStyle: 'full', timeStyle: 'long', timeZone: 'UTC' })}</time>
          </dd>
          <dt className="font-medium">{t('action')}</dt>
          <dd className="font-mono">{event.action}</dd>
          <dt className="font-medium">{t('actor')}</dt>
          <dd>
            {event.actorId ? (
              <>
                <div>{event.actorEmail ?? t('deletedUser')}</div>
                <div className="font-mono text-xs break-all text-slate-700 dark:text-slate-300">{event.actorId}</div>
                <Link href={`/admin/audit?${new URLSearchParams({ actorId: event.actorId })}`} className={linkCls}>
                  {t('actorEvents')}
                </Link>
              </>
            ) : (
              t('noActor')
            )}
          </dd>
          <dt className="font-medium">{t('targetType')}</dt>
          <dd>{event.targetType ?? t('none')}</dd>
          <dt className="font-medium">{t('targetId')}</dt>
          <dd>
            {event.targetId ? (
              <>
                <div className="font-mono break-all">{event.targetId}</div>
                <Link href={`/admin/audit?${new URLSearchParams({ targetId: event.targetId })}`} className={linkCls}>
                  {t('targetEvents')}
                </Link>
              </>
            ) : (
              t('none')
            )}
          </dd>
          <dt className="font-medium">{t('ip')}</dt>
          <dd className="font-mono">{event.ip ?? t('none')}</dd>
          <dt className="font-medium">{t('requestId')}</dt>
          <dd className="font-mono break-all">{event.requestId ?? t('none')}</dd>
        </dl>
        <h2 id="audit-data" className="mt-6 mb-2 text-base font-semibold">
          {t('data')}
        </h2>
        {event.data == null ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">{t('noData')}</p>
        ) : (
          // Focusable so keyboard users can scroll wide JSON (axe: scrollable-region-focusable).
          <pre tabIndex={0} role="region" aria-labelledby="audit-data" className="max-h-[32rem] overflow-auto rounded-md bg-slate-100 p-4 font-mono text-xs text-slate-900 dark:bg-slate-950 dark:text-slate-100">
            {JSON.stringify(event.data, null, 2)}
          </pre>
        )}
      </Card>
    </>
  );
}
