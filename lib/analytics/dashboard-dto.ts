import type { Compared, RangeDto } from './dto';

// Shapes of the platform and course dashboards crossing the server → client boundary (plain JSON).
// Days are analytics days (ANALYTICS_TIMEZONE), YYYY-MM-DD; durations are seconds; rates are 0–1
// and null when there is nothing to divide by.

export type PlatformDay = {
  day: string;
  activeStudents: number;
  newUsers: number;
  enrollments: number;
  lessonCompletions: number;
  courseCompletions: number;
  watchHours: number;
  uploads: number;
};

export type PlatformOverviewDto = RangeDto & {
  totals: {
    /** Mean of the daily distinct active students (they do not add across days). */
    avgActiveStudents: Compared;
    newUsers: Compared;
    enrollments: Compared;
    lessonCompletions: Compared;
    courseCompletions: Compared;
    watchHours: Compared;
    uploads: Compared;
    uploadedBytes: Compared;
  };
  daily: PlatformDay[];
  topCourses: { courseId: string; title: string; enrollments: number; lessonCompletions: number; watchHours: number }[];
  topLessons: { lessonId: string; videoId: string; courseId: string; title: string; courseTitle: string; views: number; watchHours: number }[];
  /** Now, not over the range: what the store holds. */
  storage: { videos: number; readyVideos: number; sourceBytes: number; assetsBytes: number };
};

export type CourseDay = {
  day: string;
  enrollments: number;
  activeStudents: number;
  lessonCompletions: number;
  courseCompletions: number;
  quizAttempts: number;
  homeworkSubmitted: number;
  watchHours: number;
};

export type FunnelStep = { key: 'enrolled' | 'started' | 'lesson' | 'completed'; lessonId: string | null; label: string; students: number };

/**
 * One enrollment month: how many of its students have started, finished the course, and the share of
 * published lessons they completed on average (rates 0–1, null without students or lessons).
 */
export type CohortRow = { cohort: string; enrolled: number; started: number; completed: number; startedRate: number | null; completionRate: number | null; avgProgress: number | null };

export type LessonRow = {
  lessonId: string;
  title: string;
  type: string;
  videoId: string | null;
  /** Enrolled students with any progress on the lesson. */
  started: number;
  completed: number;
  /** completed / enrolled students. */
  completionRate: number | null;
  /** Share of the students who completed the previous lesson (or started the course, for the first) that did not complete this one. */
  dropOff: number | null;
  /** Mean video coverage (0–1) of the students who started a video lesson. */
  avgCoverage: number | null;
};

export type QuizRow = { lessonId: string; title: string; attempts: number; students: number; passedStudents: number; passRate: number | null; avgPercent: number | null };
export type HardQuestion = { questionId: string; lessonId: string; lessonTitle: string; prompt: string; answered: number; correctRate: number | null; avgScore: number | null };

export type CourseAnalyticsDto = RangeDto & {
  course: { id: string; title: string; slug: string };
  totals: {
    enrollments: Compared;
    avgActiveStudents: Compared;
    lessonCompletions: Compared;
    courseCompletions: Compared;
    quizAttempts: Compared;
    /** quiz passes / graded attempts over the range. */
    quizPassRate: { value: number | null; previous: number | null };
    homeworkSubmitted: Compared;
    watchHours: Compared;
  };
  daily: CourseDay[];
  /** Current state of the students enrolled now (not limited to the range). */
  enrolledStudents: number;
  funnel: FunnelStep[];
  /** The students enrolled now, by month of enrollment (the latest 24, oldest first). */
  cohorts: CohortRow[];
  lessons: LessonRow[];
  quizzes: QuizRow[];
  hardestQuestions: HardQuestion[];
  /** Time from a submission to the teacher's verdict (returned or accepted), for submissions in the range. */
  homework: { submissions: number; reviewed: number; waiting: number; medianSeconds: number | null; p90Seconds: number | null };
};

export const studentSorts = ['name', 'progress', 'lastActivity', 'enrolledAt'] as const;
export type StudentSort = (typeof studentSorts)[number];

export type StudentRow = {
  userId: string;
  name: string;
  email: string;
  enrolledAt: string;
  completedAt: string | null;
  completedLessons: number;
  /** completed published lessons / published lessons, 0–1. */
  progress: number;
  lastActivityAt: string | null;
  /** Per published lesson, in outline order: coverage 0–1 for video lessons, 1/0 for others; null when not opened. */
  lessons: { lessonId: string; status: 'completed' | 'in_progress' | null; coverage: number | null }[];
};

export type StudentListDto = {
  lessons: { id: string; title: string; type: string }[];
  students: StudentRow[];
  total: number;
  page: number;
  pageSize: number;
};
