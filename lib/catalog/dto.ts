import type { CourseLevel, CourseStatus, CourseVisibility, LessonType } from '@/lib/course-constants';

export type CatalogCourseCard = {
  slug: string;
  title: string;
  shortDescription: string;
  coverImageUrl: string | null;
  language: string;
  level: CourseLevel;
  tags: string[];
  lessonCount: number;
  totalDurationSeconds: number;
  publishedAt: string | null;
};

export type CatalogPage = { items: CatalogCourseCard[]; total: number; page: number; pageSize: number };

export type CatalogFacets = { languages: string[]; tags: string[] };

export type LandingLesson = { id: string; title: string; type: LessonType; durationSeconds: number | null; isFreePreview: boolean };
export type LandingModule = { id: string; title: string; lessons: LandingLesson[] };

export type CourseLanding = {
  id: string;
  slug: string;
  title: string;
  shortDescription: string;
  description: string;
  coverImageUrl: string | null;
  language: string;
  level: CourseLevel;
  tags: string[];
  status: CourseStatus;
  visibility: CourseVisibility;
  /** Owner first, then editors, by when they joined the course. */
  authors: string[];
  modules: LandingModule[];
  lessonCount: number;
  totalDurationSeconds: number;
};

/** What the viewer may do on the landing page; decides which button is shown. */
export type LandingViewer = {
  signedIn: boolean;
  isStaff: boolean;
  enrollment: 'active' | 'removed' | null;
  /** Self-enrollment is open (published, public or unlisted). */
  canSelfEnroll: boolean;
  /** A valid invite token came with the request (published course). */
  hasValidInvite: boolean;
  /** An invite token came with the request but does not match. */
  inviteInvalid: boolean;
};

export type LandingResult =
  | { kind: 'ok'; course: CourseLanding; viewer: LandingViewer }
  | { kind: 'redirect'; slug: string }
  | { kind: 'inviteInvalid' }
  | { kind: 'notFound' };
