import type { ReactNode } from 'react';
import { requireCourseEditorPage } from '@/lib/auth/permissions';

// This segment's loading.tsx starts streaming the response before page.tsx runs, after which a
// notFound() can no longer change the status from 200. Checking here, outside that boundary, keeps
// the 404 for people who may not edit the course; page.tsx still authorizes itself as well.
export default async function OutlineLayout({ children, params }: { children: ReactNode; params: Promise<{ courseId: string }> }) {
  await requireCourseEditorPage((await params).courseId);
  return children;
}
