import type { CompletionRule, LessonStatus, LessonType } from '@/lib/course-constants';

export type LessonEditor = {
  id: string;
  courseId: string;
  courseTitle: string;
  moduleTitle: string;
  title: string;
  type: LessonType;
  status: LessonStatus;
  isFreePreview: boolean;
  description: string;
  contentHtml: string;
  durationSeconds: number | null;
  completionRule: CompletionRule;
  dripDays: number | null;
  dripDate: string | null;
  updatedAt: string;
};

/** What a student sees of a course (also the author's "preview as student"). */
export type StudentCourseView = {
  courseId: string;
  title: string;
  modules: { id: string; title: string; lessons: { id: string; title: string; type: LessonType; durationSeconds: number | null; isFreePreview: boolean }[] }[];
};
export type StudentLessonView = { id: string; title: string; type: LessonType; description: string; contentHtml: string; durationSeconds: number | null; moduleTitle: string; prevId: string | null; nextId: string | null };
