import type { QuestionConfig, QuestionType, QuizAnswer } from '@/db/schema/assessments';

// What crosses to client components. Taking DTOs never carry correct answers (config stays on the server).

export type QuizSettings = {
  passPercent: number;
  attemptsAllowed: number | null;
  cooldownMinutes: number;
  timeLimitSeconds: number | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  poolSize: number | null;
  layout: 'one_per_page' | 'all';
  showAnswers: 'after_submit' | 'after_pass' | 'never';
};

/** For course editors only: the full question with its answers. */
export type EditorQuestion = { id: string; type: QuestionType; prompt: string; points: number; explanation: string; config: QuestionConfig };

export type PendingAttempt = {
  id: string;
  studentName: string;
  attemptNo: number;
  submittedAt: string | null;
  open: { questionId: string; prompt: string; max: number; answer: string }[];
};

export type QuizEditorData = { courseId: string; lessonId: string; settings: QuizSettings; questions: EditorQuestion[]; pending: PendingAttempt[] };

/** A question as a student sees it: text and choices, no correctness. Matching rights are tokens `r0…`. */
export type TakingQuestion = {
  id: string;
  type: QuestionType;
  prompt: string;
  points: number;
  options?: { id: string; text: string }[];
  items?: { id: string; text: string }[];
  lefts?: { id: string; text: string }[];
  rights?: { id: string; text: string }[];
};

export type AttemptInProgress = { id: string; attemptNo: number; questions: TakingQuestion[]; answers: Record<string, QuizAnswer>; deadlineAt: string | null; serverNow: string };

export type ResultQuestion = { id: string; type: QuestionType; prompt: string; points: number; max: number; correct: boolean | null; feedback: string[]; correctAnswer?: string; explanation?: string };

export type AttemptResult = {
  id: string;
  attemptNo: number;
  status: 'pending_review' | 'graded';
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean | null;
  submittedAt: string | null;
  questions: ResultQuestion[];
};

export type QuizTaking = {
  courseId: string;
  lessonId: string;
  settings: Pick<QuizSettings, 'passPercent' | 'attemptsAllowed' | 'cooldownMinutes' | 'timeLimitSeconds' | 'layout'>;
  questionCount: number;
  /** Enrolled (or staff): may start and submit attempts. A visitor on a free preview only reads. */
  canTake: boolean;
  attemptsUsed: number;
  current: AttemptInProgress | null;
  last: AttemptResult | null;
  hasPassed: boolean;
  /** Why a new attempt cannot start now. */
  blocked: { reason: 'attempts_exhausted' } | { reason: 'cooldown'; retryAt: string } | null;
  /** Questions for a read-only preview (visitors). */
  preview: TakingQuestion[] | null;
};
