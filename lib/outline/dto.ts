import type { LessonStatus, LessonType } from '@/lib/course-constants';

export type OutlineLesson = { id: string; title: string; type: LessonType; status: LessonStatus; isFreePreview: boolean; durationSeconds: number | null };
export type OutlineModule = { id: string; title: string; lessons: OutlineLesson[] };
/** The builder's view of a course. `version` must be sent back with every structural change. */
export type CourseOutline = { courseId: string; title: string; version: number; modules: OutlineModule[]; canUndo: boolean; canRedo: boolean };

/** Result of every outline action: the new version and the outline as the server now sees it. */
export type OutlineChangeResult = { version: number; outline: CourseOutline; createdId?: string };
