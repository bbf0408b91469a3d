import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
import { levelTone } from '@/lib/logs/dto';
import { getSystemLog } from '@/lib/logs/queries';
import { logIdSchema } from '@/lib/logs/schemas';

type Props = { params: Promise<{ id: string }> };

const linkCls = 'text-brand-600 underline dark:text-indigo-300';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = logIdSchema.safeParse((await params).id);
  const t = await getTranslations('adminLogs');
  return { title: id.success ? t('logTitle', { id: id.data }) : t('logsTitle') };
}

export default async function AdminLogDetailPage({ params }: Props) {
  await requirePageRole(['admin']);
  const id = logIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, format, log] = await Promise.all([getTranslations('adminLogs'), getFormatter(), getSystemLog(id.data)]);
  if (!log) notFound();
  const title = t('logTitle', { id: log.id });
  return (
    <>
      <PageHeader title={title} crumbs={[{ label: t('admin') }, { label: t('logsTitle'), href: '/admin/logs' }, { label: title }]} />
      <Card className="max-w-4xl">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium">{t('id')}</dt>
          <dd className="font-mono">{log.id}</dd>
          <dt className="font-medium">{t('time')}</dt>
          <dd>
            <time dateTime={log.createdAt}>{format.dateTime(new Date(log.createdAt), { dateStyle: 'full', timeStyle: 'long', timeZone: 'UTC' })}</time>
          </dd>
          <dt className="font-medium">{t('level')}</dt>
          <dd>
            <Badge tone={levelTone[log.level]}>{t(`levels.${log.level}`)}</Badge>
          </dd>
          <dt className="font-medium">{t('source')}</dt>
          <dd>
            <Link href={`/admin/logs?${new URLSearchParams({ source: log.source })}`} className={linkCls}>
              {log.source}
            </Link>
          </dd>
          <dt className="font-medium">{t('message')}</dt>
          <dd className="break-words whitespace-pre-wrap">{log.message || t('none')}</dd>
          <dt className="font-medium">{t('requestId')}</dt>
          <dd className="font-mono break-all">{log.requestId ?? t('none')}</dd>
          <dt className="font-medium">{t('user')}</dt>
          <dd>
            {log.userId ? (
              <>
                {log.userEmail && <div>{log.userEmail}</div>}
                <div className="font-mono text-xs break-all text-slate-700 dark:text-slate-300">{log.userId}</div>
                <Link href={`/admin/logs?${new URLSearchParams({ userId: log.userId })}`} className={linkCls}>
                  {t('userLogs')}
                </Link>
              </>
            ) : (
              t('none')
            )}
          </dd>
        </dl>
        <h2 id="log-data" className="mt-6 mb-2 text-base font-semibold">{t('data')}</h2>
        {log.data == null ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">{t('noData')}</p>
        ) : (
          // Focusable so keyboard users can scroll wide JSON (axe: scrollable-region-focusable).
          <pre tabIndex={0} role="region" aria-labelledby="log-data" className="max-h-[32rem] overflow-auto rounded-md bg-slate-100 p-4 font-mono text-xs text-slate-900 dark:bg-slate-950 dark:text-slate-100">
            {JSON.stringify(log.data, null, 2)}
          </pre>
        )}
      </Card>
    </>
  );
}
