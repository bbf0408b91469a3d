import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { CourseCover } from '@/components/catalog/course-cover';
import { EnrollPanel, type EnrollState } from '@/components/enrollment/enroll-panel';
import { ClientMessages } from '@/components/shell/client-messages';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ReportButton } from '@/components/moderation/report-button';
import { getSessionUser } from '@/lib/auth/session';
import type { CourseLanding, LandingViewer } from '@/lib/catalog/dto';
import { formatDuration, languageName } from '@/lib/catalog/format';
import { getCourseLanding } from '@/lib/catalog/queries';
import { landingHref, lessonHref, studentsHref } from '@/lib/catalog/routes';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ invite?: string | string[] }> };

// One database read per request for both the metadata and the page.
const load = cache(async (slug: string, invite: string | null) => getCourseLanding(slug, await getSessionUser(), invite));

const decodeSlug = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a malformed escape cannot be a slug: it simply finds nothing
  }
};

const inviteOf = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null));

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const r = await load(decodeSlug((await params).slug), inviteOf((await searchParams).invite));
  if (r.kind !== 'ok') return {};
  // Only listed courses are for search engines; invite links must not end up in an index either.
  const listed = r.course.status === 'published' && r.course.visibility === 'public';
  return { title: r.course.title, description: r.course.shortDescription || undefined, robots: listed ? undefined : { index: false, follow: false } };
}

function enrollState(course: CourseLanding, v: LandingViewer): EnrollState {
  if (v.enrollment === 'active') return 'enrolled';
  if (!v.signedIn) return 'anonymous';
  if (v.hasValidInvite) return 'canJoin';
  if (v.canSelfEnroll) return 'canEnroll';
  return course.status === 'published' ? 'inviteOnly' : 'notOpen';
}

// Public page: visibility rules live in getCourseLanding (drafts, private courses and bad invites).
export default async function CourseLandingPage({ params, searchParams }: Props) {
  const slug = decodeSlug((await params).slug);
  const invite = inviteOf((await searchParams).invite);
  const r = await load(slug, invite);
  if (r.kind === 'redirect') permanentRedirect(landingHref(r.slug, invite));
  if (r.kind === 'notFound') notFound();
  const [t, te, locale] = await Promise.all([getTranslations('catalog'), getTranslations('enrollment'), getLocale()]);
  if (r.kind === 'inviteInvalid') {
    return (
      <Card className="mx-auto max-w-xl text-center">
        <h1 className="text-2xl font-semibold">{t('landing.inviteInvalidTitle')}</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">{t('landing.inviteInvalidBody')}</p>
        <Link href="/catalog" className="mt-6 inline-block text-brand-600 underline dark:text-indigo-300">
          {t('landing.backToCatalog')}
        </Link>
      </Card>
    );
  }

  const { course, viewer } = r;
  const duration = formatDuration(t, course.totalDurationSeconds);
  const notice =
    course.status === 'draft'
      ? t('landing.draftNotice')
      : course.status === 'archived'
        ? t('landing.archivedNotice')
        : viewer.isStaff && course.visibility === 'private'
          ? t('landing.privateNotice')
          : viewer.isStaff && course.visibility === 'unlisted'
            ? t('landing.unlistedNotice')
            : null;
  return (
    <article className="space-y-8">
      {notice && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          {notice}
        </p>
      )}
      {viewer.inviteInvalid && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {t('landing.inviteInvalidNotice')}
        </p>
      )}
      <header className="grid gap-6 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          <h1 className="text-3xl font-semibold tracking-tight">{course.title}</h1>
          {course.shortDescription && <p className="text-lg text-slate-700 dark:text-slate-300">{course.shortDescription}</p>}
          {course.authors.length > 0 && <p className="text-sm text-slate-700 dark:text-slate-300">{t('landing.by', { names: course.authors.join(', ') })}</p>}
          <dl className="flex flex-wrap gap-1.5">
            <dt className="sr-only">{t('level')}</dt>
            <dd>
              <Badge tone="info">{t(`levels.${course.level}`)}</Badge>
            </dd>
            <dt className="sr-only">{t('language')}</dt>
            <dd>
              <Badge>{languageName(course.language, locale)}</Badge>
            </dd>
            {course.tags.length > 0 && <dt className="sr-only">{t('landing.tags')}</dt>}
            {course.tags.map((tag) => (
              <dd key={tag}>
                <Link href={`/catalog?tag=${encodeURIComponent(tag)}`} className="rounded-full hover:underline">
                  <Badge>#{tag}</Badge>
                </Link>
              </dd>
            ))}
          </dl>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {t('lessons', { count: course.lessonCount })}
            {duration && ` · ${duration}`}
          </p>
          {!viewer.isStaff && (
            <ClientMessages namespaces={['moderation']}>
              <ReportButton targetType="course" targetId={course.id} anonymous={!viewer.signedIn} />
            </ClientMessages>
          )}
        </div>
        <Card className="space-y-4 self-start p-0">
          <CourseCover title={course.title} url={course.coverImageUrl} className="aspect-[16/9] rounded-t-lg" />
          <div className="space-y-3 px-6 pb-6">
            <ClientMessages namespaces={['enrollment']}>
              <EnrollPanel courseId={course.id} slug={course.slug} state={enrollState(course, viewer)} invite={viewer.hasValidInvite ? invite : null} />
            </ClientMessages>
            {viewer.isStaff && (
              <Link href={studentsHref(course.id)} className="inline-block text-sm text-brand-600 underline dark:text-indigo-300">
                {te('manageStudents')}
              </Link>
            )}
          </div>
        </Card>
      </header>

      {course.description.trim() && (
        <section aria-labelledby="about-h" className="max-w-3xl">
          <h2 id="about-h" className="mb-3 text-xl font-semibold">
            {t('landing.about')}
          </h2>
          {/* Plain text from the course settings: paragraphs and line breaks kept, no HTML. */}
          <div className="space-y-3 whitespace-pre-line text-slate-800 dark:text-slate-200">
            {course.description
              .split(/\n{2,}/)
              .filter((p) => p.trim())
              .map((p, i) => (
                <p key={i}>{p.trim()}</p>
              ))}
          </div>
        </section>
      )}

      <section id="outline" aria-labelledby="outline-h" className="max-w-3xl scroll-mt-4">
        <h2 id="outline-h" className="mb-1 text-xl font-semibold">
          {t('landing.content')}
        </h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          {duration ? t('landing.contentSummary', { lessons: t('lessons', { count: course.lessonCount }), duration }) : t('lessons', { count: course.lessonCount })}
        </p>
        {course.modules.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">{t('landing.noContent')}</p>
        ) : (
          <ol className="space-y-4">
            {course.modules.map((m, mi) => {
              const moduleDuration = formatDuration(
                t,
                m.lessons.reduce((s, l) => s + (l.durationSeconds ?? 0), 0),
              );
              return (
                <li key={m.id} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
                  <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
                    <h3 className="font-semibold">
                      <span className="text-slate-600 dark:text-slate-400">{mi + 1}. </span>
                      {m.title}
                    </h3>
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      {t('landing.moduleLessons', { count: m.lessons.length })}
                      {moduleDuration && ` · ${moduleDuration}`}
                    </span>
                  </div>
                  <ol className="divide-y divide-slate-100 dark:divide-slate-800">
                    {m.lessons.map((l) => {
                      const d = formatDuration(t, l.durationSeconds);
                      return (
                        <li key={l.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm">
                          <span className="w-20 shrink-0 text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">{t(`lessonTypes.${l.type}`)}</span>
                          <span className="flex-1">
                            {l.isFreePreview ? (
                              <Link href={lessonHref(course.slug, l.id)} className="text-brand-600 underline dark:text-indigo-300">
                                {l.title}
                              </Link>
                            ) : (
                              l.title
                            )}
                          </span>
                          {l.isFreePreview && <Badge tone="success">{t('landing.freePreview')}</Badge>}
                          {d && <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">{d}</span>}
                        </li>
                      );
                    })}
                  </ol>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </article>
  );
}
