import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { adminLinkCls } from '@/components/admin/filter-note';
import { DeleteCourseMediaButton } from '@/components/admin/delete-course-media-button';
import { Card } from '@/components/ui/card';
import { Cell, DataTable, Row } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { formatBytes } from '@/lib/format-bytes';
import { findMediaTools } from '@/lib/media/tools';
import { checkStorage } from '@/lib/storage';
import { getStorageReport } from '@/lib/videos/storage-report';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('adminStorage'))('title') };
}

/** A titled block of the report: the table, or a sentence when there is nothing to list. */
function ReportSection({ id, title, empty, children }: { id: string; title: string; empty: string | null; children?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} className="mb-8">
      <h2 id={`${id}-h`} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {empty ? <p className="text-sm text-slate-600 dark:text-slate-300">{empty}</p> : children}
    </section>
  );
}

export default async function AdminStoragePage() {
  await requirePageRole(['admin']);
  const [t, format, locale, report, store, tools] = await Promise.all([
    getTranslations('adminStorage'),
    getFormatter(),
    getLocale(),
    getStorageReport(),
    checkStorage(),
    findMediaTools({ ffmpegPath: env.FFMPEG_PATH, ffprobePath: env.FFPROBE_PATH }),
  ]);
  const bytes = (n: number) => formatBytes(n, locale);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const c = report.cleanup;
  return (
    <>
      <PageHeader title={t('title')} crumbs={[{ label: t('admin') }, { label: t('title') }]} />
      <div className="mb-6 grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Card>
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-300">{t('total')}</h2>
          <p className="mt-1 text-2xl font-semibold" data-testid="storage-total">
            {bytes(report.totalBytes)}
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('totalDetail', { objects: report.totalObjects, videos: report.videoCount })}</p>
        </Card>
        <Card>
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-300">{t('storeStatus')}</h2>
          <p className="mt-1 text-sm">
            {store.status === 'ok' ? t('storeOk', { ms: store.latencyMs ?? 0 }) : store.status === 'down' ? t('storeDown', { error: store.error?.message ?? '' }) : t('storeNotConfigured')}
          </p>
        </Card>
        <Card>
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-300">{t('ffmpeg')}</h2>
          <p className="mt-1 text-sm" data-testid="ffmpeg-status">
            {tools.ffmpeg && tools.ffprobe ? t('ffmpegOk', { version: tools.version ?? '' }) : t('ffmpegMissing')}
          </p>
        </Card>
        <Card>
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-300">{t('queue')}</h2>
          <p className="mt-1 text-sm">{t('queueDetail', report.queue)}</p>
        </Card>
      </div>

      <ReportSection id="per-course" title={t('perCourse')} empty={report.perCourse.length === 0 ? t('noCourses') : null}>
        <DataTable caption={t('perCourse')} columns={[t('colCourse'), t('colVideos'), t('colBytes'), t('colObjects'), t('colActions')]}>
          {report.perCourse.map((row) => (
            <Row key={row.courseId} data-testid={`storage-course-${row.courseId}`}>
              <Cell>
                <Link href={`/courses/${row.courseId}/media`} className={adminLinkCls}>
                  {row.title}
                </Link>
              </Cell>
              <Cell>{row.videos}</Cell>
              <Cell>{bytes(row.bytes)}</Cell>
              <Cell>{row.objects}</Cell>
              <Cell>
                <DeleteCourseMediaButton courseId={row.courseId} title={row.title} />
              </Cell>
            </Row>
          ))}
        </DataTable>
      </ReportSection>

      <ReportSection id="uploads" title={t('uploads')} empty={report.uploads.length === 0 ? t('noUploads') : null}>
        <DataTable caption={t('uploads')} columns={[t('colFile'), t('colCourse'), t('colSize'), t('colBy'), t('colStarted')]}>
          {report.uploads.map((u) => (
            <Row key={u.id}>
              <Cell className="break-all">{u.filename}</Cell>
              <Cell>{u.courseTitle}</Cell>
              <Cell>{bytes(u.size)}</Cell>
              <Cell>{u.by ?? '–'}</Cell>
              <Cell>
                <time dateTime={u.startedAt}>{when(u.startedAt)}</time>
              </Cell>
            </Row>
          ))}
        </DataTable>
      </ReportSection>

      <ReportSection id="failed" title={t('failed')} empty={report.failed.length === 0 ? t('noFailed') : null}>
        <DataTable caption={t('failed')} columns={[t('colFile'), t('colCourse'), t('colError'), t('colAttempts')]}>
          {report.failed.map((f) => (
            <Row key={f.id}>
              <Cell className="break-all">
                <Link href={`/courses/${f.courseId}/media`} className={adminLinkCls}>
                  {f.filename}
                </Link>
              </Cell>
              <Cell>{f.courseTitle}</Cell>
              <Cell className="max-w-md">{f.error ?? '–'}</Cell>
              <Cell>{f.attempts}</Cell>
            </Row>
          ))}
        </DataTable>
      </ReportSection>

      <section aria-labelledby="cleanup-h">
        <h2 id="cleanup-h" className="mb-3 text-lg font-semibold">
          {t('cleanup')}
        </h2>
        <Card>
          <p className="text-sm" data-testid="cleanup-status">
            {c
              ? t('cleanupLast', { at: when(c.at), aborted: c.abortedUploads, rows: c.deletedUploadRows, objects: c.deletedObjects, bytes: bytes(c.deletedBytes), scanned: c.scannedObjects, ms: c.durationMs })
              : t('cleanupNever')}
          </p>
          {c?.error && <p className="mt-2 text-sm text-red-700 dark:text-red-300">{t('cleanupError', { error: c.error })}</p>}
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t('cleanupSchedule', { hours: env.UPLOAD_STALE_HOURS })}</p>
        </Card>
      </section>
    </>
  );
}
