import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { isCourseVideo } from '@/lib/analytics/course-queries';

// Outside this segment's loading.tsx, like the parent layout (which checked the course): a video of
// another course, or no video, is a real 404. The page authorizes itself as well.
export default async function VideoAnalyticsLayout({ children, params }: { children: ReactNode; params: Promise<{ courseId: string; videoId: string }> }) {
  const { courseId, videoId } = await params;
  if (!(await isCourseVideo(courseId, videoId))) notFound();
  return children;
}
