import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { courses, lessons } from './courses';
import { users } from './users';

// Quizzes (a quiz lesson's settings, questions and students' attempts) and homework (one thread per
// student and homework lesson, with messages and attachments in the object store).

export const questionTypes = ['single', 'multiple', 'true_false', 'short_text', 'number', 'ordering', 'matching', 'open'] as const;
export type QuestionType = (typeof questionTypes)[number];
export const questionType = pgEnum('question_type', questionTypes);

export const quizLayouts = ['one_per_page', 'all'] as const;
export const quizLayout = pgEnum('quiz_layout', quizLayouts);
export const showAnswersPolicies = ['after_submit', 'after_pass', 'never'] as const;
export const showAnswersPolicy = pgEnum('show_answers_policy', showAnswersPolicies);

/** Type-specific question data; correct answers live only here, on the server. */
export type QuestionConfig = {
  options?: { id: string; text: string; correct?: boolean; feedback?: string }[];
  /** multiple choice: score a share of the points for partly right selections. */
  partialCredit?: boolean;
  /** short text: any of these answers is accepted. */
  accepted?: string[];
  caseSensitive?: boolean;
  /** number: the answer and the tolerance around it. */
  value?: number;
  tolerance?: number;
  /** ordering: items in their correct order. */
  items?: { id: string; text: string }[];
  /** matching: left → right pairs. */
  pairs?: { id: string; left: string; right: string }[];
  /** true/false: the correct value. */
  answer?: boolean;
};

export const quizzes = pgTable(
  'quizzes',
  {
    lessonId: uuid()
      .primaryKey()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    passPercent: integer().notNull().default(70),
    /** Null: unlimited. */
    attemptsAllowed: integer(),
    cooldownMinutes: integer().notNull().default(0),
    /** Null: no limit. Enforced on the server from the attempt's deadline. */
    timeLimitSeconds: integer(),
    shuffleQuestions: boolean().notNull().default(false),
    shuffleOptions: boolean().notNull().default(false),
    /** Draw this many questions of the pool per attempt; null: all. */
    poolSize: integer(),
    layout: quizLayout().notNull().default('all'),
    showAnswers: showAnswersPolicy().notNull().default('after_submit'),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('quizzes_pass_percent_range', sql`${t.passPercent} between 0 and 100`),
    check('quizzes_attempts_positive', sql`${t.attemptsAllowed} is null or ${t.attemptsAllowed} >= 1`),
    check('quizzes_pool_positive', sql`${t.poolSize} is null or ${t.poolSize} >= 1`),
  ],
);

export const quizQuestions = pgTable(
  'quiz_questions',
  {
    id: uuid().primaryKey().defaultRandom(),
    lessonId: uuid()
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    type: questionType().notNull(),
    /** Plain text (rendered escaped). */
    prompt: text().notNull(),
    points: real().notNull().default(1),
    config: jsonb().$type<QuestionConfig>().notNull().default({}),
    /** Shown with the answers when the quiz's policy allows. */
    explanation: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('quiz_questions_lesson_idx').on(t.lessonId, t.position), check('quiz_questions_points_positive', sql`${t.points} > 0`)],
);

export const attemptStatuses = ['in_progress', 'pending_review', 'graded'] as const;
export const attemptStatus = pgEnum('attempt_status', attemptStatuses);

/** An answer as the student gave it (ids of options/items/pairs, text or a number). */
export type QuizAnswer = string | string[] | number | boolean | Record<string, string> | null;
export type QuestionResult = { points: number; max: number; correct: boolean | null; feedback?: string[] };

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    lessonId: uuid()
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    attemptNo: integer().notNull(),
    status: attemptStatus().notNull().default('in_progress'),
    /** The questions drawn for this attempt, in the order shown. */
    questionIds: uuid().array().notNull(),
    /** Option/item order per question when shuffled: { questionId: [ids…] }. */
    optionOrder: jsonb().$type<Record<string, string[]>>().notNull().default({}),
    /** Saved as the student answers (save and continue). */
    answers: jsonb().$type<Record<string, QuizAnswer>>().notNull().default({}),
    results: jsonb().$type<Record<string, QuestionResult>>(),
    score: real(),
    maxScore: real(),
    percent: real(),
    passed: boolean(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Server-side time limit: answers after this are refused. */
    deadlineAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    gradedById: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('quiz_attempts_user_lesson_no_key').on(t.userId, t.lessonId, t.attemptNo), index('quiz_attempts_lesson_idx').on(t.lessonId, t.status)],
);

export const submissionStatuses = ['submitted', 'needs_revision', 'accepted'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
export const submissionStatus = pgEnum('submission_status', submissionStatuses);
export const messageRoles = ['student', 'teacher'] as const;
export const messageRole = pgEnum('message_role', messageRoles);
export const messageKinds = ['submission', 'comment', 'returned', 'accepted'] as const;
export const messageKind = pgEnum('message_kind', messageKinds);

// One thread per student and homework lesson; resubmissions are messages of kind `submission`.
export const homeworkSubmissions = pgTable(
  'homework_submissions',
  {
    id: uuid().primaryKey().defaultRandom(),
    lessonId: uuid()
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    studentId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: submissionStatus().notNull().default('submitted'),
    claimedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    grade: integer(),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** First teacher reply after the latest submission (review time). */
    reviewedAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    lastMessageAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('homework_submissions_lesson_student_key').on(t.lessonId, t.studentId),
    index('homework_submissions_course_status_idx').on(t.courseId, t.status, t.lastMessageAt),
    check('homework_grade_range', sql`${t.grade} is null or ${t.grade} between 0 and 100`),
  ],
);

export const homeworkMessages = pgTable(
  'homework_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    submissionId: uuid()
      .notNull()
      .references(() => homeworkSubmissions.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    role: messageRole().notNull(),
    kind: messageKind().notNull(),
    /** Sanitized HTML (from Markdown typed by the user); rendered as is. */
    bodyHtml: text().notNull().default(''),
    /** Set when a moderator removes the message (its text is then hidden). */
    removedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('homework_messages_submission_idx').on(t.submissionId, t.createdAt)],
);

export const attachmentStatuses = ['pending', 'ready', 'rejected'] as const;
export const attachmentStatus = pgEnum('attachment_status', attachmentStatuses);

// Files attached to homework messages, stored under `courses/{courseId}/attachments/{id}/`. Uploaded
// before the message is sent (pending, no message yet), then bound to it.
export const attachments = pgTable(
  'attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    messageId: uuid().references(() => homeworkMessages.id, { onDelete: 'cascade' }),
    uploaderId: uuid().references(() => users.id, { onDelete: 'set null' }),
    key: text().notNull(),
    filename: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    width: integer(),
    height: integer(),
    thumbnailKey: text(),
    status: attachmentStatus().notNull().default('pending'),
    /** Source of a region snapshot from a course document (materials issue): page and box. */
    origin: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId), index('attachments_course_idx').on(t.courseId), uniqueIndex('attachments_key_key').on(t.key)],
);

// In-app notifications (homework reviewed, moderation outcomes…); email too when SMTP is configured.
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    /** Message key and parameters, rendered in the reader's language. */
    data: jsonb().$type<{ key: string; params?: Record<string, string | number>; href?: string }>().notNull(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);
