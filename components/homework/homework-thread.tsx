import { getFormatter, getTranslations } from 'next-intl/server';
import { formatBytes } from '@/lib/format-bytes';
import type { HomeworkMessageDto } from '@/lib/homework/dto';
import { ReportButton } from '@/components/moderation/report-button';

// The messages of a thread. Bodies are HTML sanitized on write (lib/homework/markdown.ts); files
// link to /api/attachments/{id}, which checks the viewer and redirects to a short-lived signed URL.

/** `viewerId`: messages by others get a Report button (moderation). */
export async function HomeworkThread({ messages, viewerId }: { messages: HomeworkMessageDto[]; viewerId?: string }) {
  const t = await getTranslations('homework');
  const format = await getFormatter();
  if (!messages.length) return <p className="text-sm text-slate-600 dark:text-slate-400">{t('noMessages')}</p>;
  return (
    <ol className="space-y-4" data-testid="homework-thread">
      {messages.map((m) => (
        <li
          key={m.id}
          data-kind={m.kind}
          data-role={m.role}
          className={`rounded-lg border p-4 ${m.role === 'teacher' ? 'border-indigo-200 bg-indigo-50/60 dark:border-indigo-900 dark:bg-indigo-950/40' : 'border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900'}`}
        >
          <div className="mb-2 flex items-start justify-between gap-2">
            <p className="text-sm text-slate-700 dark:text-slate-300">
              <span className="font-medium">{m.authorName || (m.role === 'teacher' ? t('roleTeacher') : t('roleStudent'))}</span>{' '}
              <span className="text-slate-600 dark:text-slate-400">
                ({m.role === 'teacher' ? t('roleTeacher') : t('roleStudent')}) {t(`kind.${m.kind}`)} · <time dateTime={m.createdAt}>{format.dateTime(new Date(m.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
              </span>
            </p>
            {viewerId && !m.removed && m.authorId !== viewerId && <ReportButton targetType="homework_message" targetId={m.id} />}
          </div>
          {m.removed ? (
            <p className="text-sm italic text-slate-600 dark:text-slate-400">{t('removed')}</p>
          ) : (
            m.bodyHtml && <div className="prose-lesson text-sm" data-testid="message-body" dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
          )}
          {m.attachments.length > 0 && (
            <ul className="mt-3 flex flex-wrap gap-3" aria-label={t('composer.attachments')}>
              {m.attachments.map((a) => (
                <li key={a.id} className="text-sm">
                  {a.isImage ? (
                    <a href={`/api/attachments/${a.id}`} target="_blank" rel="noopener" className="block">
                      {/* eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URLs behind a redirect */}
                      <img
                        src={`/api/attachments/${a.id}${a.hasThumbnail ? '?thumb=1' : ''}`}
                        alt={a.filename}
                        width={a.width && a.height ? Math.min(240, a.width) : undefined}
                        height={a.width && a.height ? Math.round((Math.min(240, a.width) * a.height) / a.width) : undefined}
                        loading="lazy"
                        className="max-h-60 max-w-60 rounded border border-slate-200 object-contain dark:border-slate-700"
                        data-testid="attachment-image"
                      />
                    </a>
                  ) : null}
                  {a.isImage && a.source && (
                    <a href={a.source.href} className="mt-1 block text-brand-600 underline dark:text-indigo-300" data-testid="snapshot-source">
                      {t('snapshotSource', { page: a.source.page })}
                    </a>
                  )}
                  {a.isImage ? null : (
                    <a href={`/api/attachments/${a.id}?download=1`} className="text-brand-600 underline dark:text-indigo-300">
                      📄 {a.filename} ({formatBytes(a.size)})
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
