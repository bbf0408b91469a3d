import { notFound, redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/session';
import { courseCompleteHref, landingHref, lessonHref } from '@/lib/catalog/routes';
import { getCourseViewBySlug } from '@/lib/learning/queries';

/** "Continue": the next lesson that is neither complete nor locked, or the completion page. */
export default async function CourseHomePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await getSessionUser();
  const view = await getCourseViewBySlug(viewer, slug);
  if (!view) notFound();
  if (!view.enrollment && !view.isStaff) redirect(landingHref(slug));
  if (view.enrollment?.completedAt && !view.nextLessonId) redirect(courseCompleteHref(slug));
  const target = view.nextLessonId ?? view.lessons[0]?.id;
  if (!target) redirect(landingHref(slug));
  redirect(lessonHref(slug, target));
}
