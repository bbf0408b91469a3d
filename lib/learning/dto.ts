import type { CompletionRule, CourseStatus, LessonType } from '@/lib/course-constants';

/** Why a student cannot open a lesson yet. */
export type LessonLock =
  | { kind: 'not_enrolled' }
  | { kind: 'sequence'; lessonId: string; lessonTitle: string }
  | { kind: 'drip'; opensAt: string };

export type StudentLessonState = {
  id: string;
  moduleId: string;
  title: string;
  type: LessonType;
  durationSeconds: number | null;
  isFreePreview: boolean;
  completionRule: CompletionRule;
  videoId: string | null;
  status: 'not_started' | 'in_progress' | 'completed';
  /** Share of the video's unique seconds watched, 0–1 (video lessons). */
  coverage: number;
  lastPosition: number | null;
  locked: LessonLock | null;
};

export type CourseProgressView = {
  course: { id: string; slug: string; title: string; status: CourseStatus; isSequential: boolean };
  /** Editors and admins: every lesson open, nothing locked. */
  isStaff: boolean;
  enrollment: { enrolledAt: string; completedAt: string | null } | null;
  modules: { id: string; title: string; lessons: StudentLessonState[] }[];
  /** All published lessons in outline order. */
  lessons: StudentLessonState[];
  completedCount: number;
  total: number;
  percent: number;
  /** The first lesson that is neither complete nor locked ("Continue"). */
  nextLessonId: string | null;
};

/** An enrolled course on "My courses". */
export type MyCourseProgress = {
  courseId: string;
  slug: string;
  title: string;
  percent: number;
  completedCount: number;
  total: number;
  lastActivityAt: string | null;
  completedAt: string | null;
  /** Where "Continue" leads: the next unfinished lesson, else the first lesson. */
  continueLessonId: string | null;
};
