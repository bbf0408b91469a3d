import type { CourseLevel, CourseMemberRole, CourseStatus, CourseVisibility } from '@/lib/course-constants';

/** One row of "my courses". `role` is null for an admin who is not a member. */
export type CourseListItem = {
  id: string;
  title: string;
  slug: string;
  status: CourseStatus;
  visibility: CourseVisibility;
  lessonCount: number;
  role: CourseMemberRole | null;
  updatedAt: string;
};
export type CourseList = { items: CourseListItem[]; total: number; page: number; pageSize: number };

/** What an editor's page needs to know before rendering: the course exists and how the viewer may act on it. */
export type CourseAccess = { id: string; title: string; status: CourseStatus; role: CourseMemberRole | null; canManage: boolean };

export type CourseSettings = {
  id: string;
  title: string;
  slug: string;
  shortDescription: string;
  description: string;
  coverImageUrl: string | null;
  language: string;
  level: CourseLevel;
  tags: string[];
  visibility: CourseVisibility;
  isSequential: boolean;
  status: CourseStatus;
  publishedAt: string | null;
  archivedAt: string | null;
  updatedAt: string;
};

export type CourseMember = { userId: string; name: string; email: string; role: CourseMemberRole; since: string };

/** A reason the course cannot be published: an i18n key (`courseValidation.*`) and its parameters. */
export type PublishProblem = { key: string; params?: Record<string, string | number> };
