// Value lists for courses, shared by the schema, zod schemas and client components.
export const courseStatuses = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof courseStatuses)[number];

export const courseVisibilities = ['public', 'unlisted', 'private'] as const;
export type CourseVisibility = (typeof courseVisibilities)[number];

export const courseLevels = ['beginner', 'intermediate', 'advanced', 'all'] as const;
export type CourseLevel = (typeof courseLevels)[number];

export const courseMemberRoles = ['owner', 'editor'] as const;
export type CourseMemberRole = (typeof courseMemberRoles)[number];

export const lessonTypes = ['video', 'text', 'quiz', 'homework', 'pdf'] as const;
export type LessonType = (typeof lessonTypes)[number];

export const lessonStatuses = ['draft', 'published'] as const;
export type LessonStatus = (typeof lessonStatuses)[number];

/** How a lesson counts as done; the learning and assessment issues enforce these. */
export type CompletionRule =
  | { kind: 'view' }
  | { kind: 'video_coverage'; percent: number }
  | { kind: 'quiz_passed' }
  | { kind: 'homework_accepted' };

export const enrollmentStatuses = ['active', 'removed'] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];
export const enrollmentSources = ['self', 'invite', 'staff'] as const;
export type EnrollmentSource = (typeof enrollmentSources)[number];

export const TITLE_MAX = 200;
export const SLUG_MAX = 80;
