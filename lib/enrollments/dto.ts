import type { CourseLevel, CourseStatus, CourseVisibility, EnrollmentSource } from '@/lib/course-constants';

export type MyCourse = {
  courseId: string;
  slug: string;
  title: string;
  shortDescription: string;
  coverImageUrl: string | null;
  level: CourseLevel;
  language: string;
  lessonCount: number;
  enrolledAt: string;
  completedLessons: number;
  /** Latest progress on any lesson of the course. */
  lastActivityAt: string | null;
  completedAt: string | null;
};

export type CourseStudent = { userId: string; name: string; email: string; source: EnrollmentSource; enrolledAt: string; completedLessons: number; lastActivityAt: string | null };
export type PendingInvite = { email: string; invitedAt: string };

export type StudentsPageData = {
  course: { id: string; title: string; slug: string; status: CourseStatus; visibility: CourseVisibility; inviteToken: string | null };
  students: CourseStudent[];
  total: number;
  page: number;
  pageSize: number;
  invites: PendingInvite[];
  /** Published lessons in order (for "open a lesson early"). */
  lessons: { id: string; title: string }[];
};
