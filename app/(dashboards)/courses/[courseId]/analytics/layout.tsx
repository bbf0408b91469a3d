import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { canReadCourse } from '@/lib/analytics/course-queries';
import { requirePageRole } from '@/lib/auth/permissions';

// The loading.tsx files below start streaming before page.tsx runs, after which notFound() can no longer
// change the status from 200. Checking here, outside that boundary, keeps the 404 for everyone who
// may not read this course's analytics; the pages still authorize themselves as well.
export default async function CourseAnalyticsLayout({ children, params }: { children: ReactNode; params: Promise<{ courseId: string }> }) {
  const user = await requirePageRole(['author', 'admin']);
  if (!(await canReadCourse(user, (await params).courseId))) notFound();
  return children;
}
