import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { adminLinkCls } from '@/components/admin/filter-note';
import { CaseStatusBadge } from '@/components/moderation/case-bits';
import { CaseControls, NoteForm, RevertButton } from '@/components/moderation/case-controls';
import { SnapshotView } from '@/components/moderation/snapshot-view';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageRole } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import { landingHref, lessonHref } from '@/lib/catalog/routes';
import { actionsForTarget, adminOnlyActions } from '@/lib/moderation/constants';
import type { CaseDetail } from '@/lib/moderation/dto';
import { getCaseDetail, listStaff } from '@/lib/moderation/queries';

type Props = { params: Promise<{ caseId: string }> };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Metadata and page share one read per request.
const load = cache(async (caseId: string) => {
  const viewer = await getSessionUser();
  if (!viewer || !UUID.test(caseId)) return null;
  return getCaseDetail(viewer, caseId);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('moderation');
  const me = await getSessionUser();
  const c = me && (me.role === 'moderator' || me.role === 'admin') ? await load((await params).caseId) : null;
  return { title: c ? t('case.title', { title: c.title }) : t('title') };
}

function contentHref(c: CaseDetail) {
  const s = c.current;
  if (!s) return null;
  if (s.kind === 'course') return landingHref(s.slug);
  if (s.kind === 'lesson') return lessonHref(s.slug, c.targetId);
  return null;
}

export default async function CasePage({ params }: Props) {
  const me = await requirePageRole(['moderator', 'admin']);
  const { caseId } = await params;
  const c = await load(caseId);
  if (!c) notFound();
  const [t, format, staff] = await Promise.all([getTranslations('moderation'), getFormatter(), listStaff()]);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const active = c.status === 'open' || c.status === 'in_review';
  const canDecide = !c.escalated || me.role === 'admin';
  const allowed = actionsForTarget[c.targetType].filter((a) => me.role === 'admin' || !adminOnlyActions.includes(a)).filter((a) => !(a === 'escalate' && c.escalated));
  const href = contentHref(c);
  const first = c.reports[0];
  const title = t('case.title', { title: c.title });
  const section = 'space-y-3';
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[{ label: t('title'), href: '/moderation' }, { label: c.title }]}
        actions={
          <nav aria-label={t('queue.keyboardTitle')} className="flex gap-3 text-sm">
            {c.prevId && (
              <Link href={`/moderation/cases/${c.prevId}`} className={adminLinkCls} rel="prev">
                {t('case.prev')}
              </Link>
            )}
            {c.nextId && (
              <Link href={`/moderation/cases/${c.nextId}`} className={adminLinkCls} rel="next">
                {t('case.next')}
              </Link>
            )}
          </nav>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <Card className={section}>
            <h2 className="font-semibold">{t('case.summary')}</h2>
            <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm" data-testid="case-summary">
              <dt className="font-medium">{t('case.status')}</dt>
              <dd className="flex flex-wrap gap-1">
                <CaseStatusBadge status={c.status} />
                <Badge>{t(`targets.${c.targetType}`)}</Badge>
                {c.escalated && <Badge tone="danger">{t('queue.escalated')}</Badge>}
              </dd>
              <dt className="font-medium">{t('case.severity')}</dt>
              <dd>{c.severity}</dd>
              <dt className="font-medium">{t('case.reportCount')}</dt>
              <dd>{c.reportCount}</dd>
              <dt className="font-medium">{t('case.assignee')}</dt>
              <dd data-testid="case-assignee">{c.assignee ? c.assignee.name || c.assignee.email : t('queue.unassigned')}</dd>
              {c.resolutionNote && (
                <>
                  <dt className="font-medium">{t('case.resolution')}</dt>
                  <dd>{c.resolutionNote}</dd>
                </>
              )}
            </dl>
            {href && (
              <Link href={href} className={`${adminLinkCls} text-sm`}>
                {t('case.openContent')}
              </Link>
            )}
            {!active && <p className="text-sm">{t('case.closed')}</p>}
            {c.escalated && <p className="text-sm">{t('case.escalatedNote')}</p>}
          </Card>

          <div className="grid gap-6 md:grid-cols-2">
            <Card className={section}>
              <h2 className="font-semibold">{t('case.snapshot')}</h2>
              {first && <p className="text-xs text-slate-700 dark:text-slate-300">{t('case.snapshotOf', { reporter: first.reporter.name || first.reporter.email || t('case.anonymous'), date: when(first.createdAt) })}</p>}
              {first && <SnapshotView snapshot={first.snapshot} testId="case-snapshot" />}
            </Card>
            <Card className={section}>
              <h2 className="font-semibold">{t('case.current')}</h2>
              {c.current ? <SnapshotView snapshot={c.current} testId="case-current" /> : <p className="text-sm">{t('case.targetDeleted')}</p>}
            </Card>
          </div>

          <Card className={section}>
            <h2 className="font-semibold">{t('case.reportsTitle')}</h2>
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="case-reports">
              {c.reports.map((r) => (
                <li key={r.id} className="space-y-1 py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="warning">{t(`reasons.${r.reason}`)}</Badge>
                    <span className="font-medium">{r.reporter.name || r.reporter.email || t('case.anonymous')}</span>
                    {r.reporter.email && r.reporter.name && <span className="text-slate-700 dark:text-slate-300">{r.reporter.email}</span>}
                    <time dateTime={r.updatedAt} className="text-slate-700 dark:text-slate-300">
                      {when(r.updatedAt)}
                    </time>
                    {r.duplicates > 0 && <span className="text-slate-700 dark:text-slate-300">· {t('case.duplicates', { count: r.duplicates })}</span>}
                  </div>
                  <p className="whitespace-pre-wrap">{r.details || t('case.noDetails')}</p>
                  {r.evidenceUrl && (
                    <p>
                      {t('case.evidence')}:{' '}
                      <a href={r.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank" className={`${adminLinkCls} break-all`}>
                        {r.evidenceUrl}
                      </a>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </Card>

          <Card className={section}>
            <h2 className="font-semibold">{t('case.actionsTitle')}</h2>
            {c.actions.length === 0 ? (
              <p className="text-sm">{t('case.noActions')}</p>
            ) : (
              <ol className="space-y-3 text-sm" data-testid="case-actions">
                {c.actions.map((a) => (
                  <li key={a.id} className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <p>
                        <span className={a.revertedAt ? 'font-medium line-through' : 'font-medium'}>{t(`actions.${a.type}`)}</span>{' '}
                        {a.actor && <span>{t('case.by', { name: a.actor.name || a.actor.email })}</span>} · <time dateTime={a.createdAt}>{when(a.createdAt)}</time>
                        {a.type === 'suspend_user' && <> · {a.suspendedUntil ? t('case.until', { date: when(a.suspendedUntil) }) : t('case.permanent')}</>}
                      </p>
                      <p className="text-slate-700 dark:text-slate-300">{a.reason}</p>
                      {a.revertedAt && <p className="text-slate-700 dark:text-slate-300">{t('case.reverted', { name: a.revertedBy?.name || a.revertedBy?.email || '—', reason: a.revertReason ?? '' })}</p>}
                    </div>
                    {a.canRevert && (me.role === 'admin' || (!adminOnlyActions.includes(a.type) && !c.escalated) || a.type === 'escalate') && <RevertButton actionId={a.id} version={c.version} label={t(`actions.${a.type}`)} />}
                  </li>
                ))}
              </ol>
            )}
          </Card>

          <Card className={section}>
            <h2 className="font-semibold">{t('case.notesTitle')}</h2>
            {c.notes.length === 0 ? (
              <p className="text-sm">{t('case.noNotes')}</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="case-notes">
                {c.notes.map((n) => (
                  <li key={n.id}>
                    <p className="text-slate-700 dark:text-slate-300">
                      {n.author?.name || n.author?.email || '—'} · <time dateTime={n.createdAt}>{when(n.createdAt)}</time>
                    </p>
                    <p className="whitespace-pre-wrap">{n.body}</p>
                  </li>
                ))}
              </ul>
            )}
            <NoteForm caseId={c.id} />
          </Card>
        </div>

        <aside className="space-y-6">
          <Card>
            <CaseControls caseId={c.id} version={c.version} active={active} canDecide={canDecide} assigneeId={c.assignee?.id ?? null} meId={me.id} staff={staff} allowedActions={allowed} prevId={c.prevId} nextId={c.nextId} />
          </Card>
          <Card className={section}>
            <h2 className="font-semibold">{t('case.ownerTitle')}</h2>
            {c.owner ? (
              <dl className="space-y-1 text-sm" data-testid="case-owner">
                <dt className="sr-only">{t('case.ownerTitle')}</dt>
                <dd className="font-medium">{c.owner.name || c.owner.email}</dd>
                <dd>{c.owner.email}</dd>
                <dd>
                  <Badge>{c.owner.role}</Badge> {c.owner.blocked && <Badge tone="danger">{c.owner.blockedUntil ? t('case.blockedUntil', { date: when(c.owner.blockedUntil) }) : t('case.blockedForever')}</Badge>}
                </dd>
                <dd>{t('case.ownerSince', { date: when(c.owner.createdAt) })}</dd>
                <dd>{t('case.ownerCases', { count: c.owner.casesAsOwner })}</dd>
              </dl>
            ) : (
              <p className="text-sm">{t('case.noOwner')}</p>
            )}
          </Card>
          <Card className={section}>
            <h2 className="font-semibold">{t('case.historyTitle')}</h2>
            {c.history.length === 0 ? (
              <p className="text-sm">{t('case.noHistory')}</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {c.history.map((h) => (
                  <li key={h.id}>
                    <Link href={`/moderation/cases/${h.id}`} className={adminLinkCls}>
                      {when(h.createdAt)}
                    </Link>{' '}
                    <CaseStatusBadge status={h.status} />
                    {h.actions.length > 0 && <span> · {h.actions.map((a) => `${t(`actions.${a.type}`)}${a.reverted ? ' ↺' : ''}`).join(', ')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </aside>
      </div>
    </>
  );
}
