import { z } from 'zod';
import { questionTypes, quizLayouts, showAnswersPolicies } from '@/db/schema/assessments';

// One schema per input, shared by the editor forms and the actions. Messages are i18n keys.

const ref = { courseId: z.uuid(), lessonId: z.uuid() };
const optionalInt = (min: number, max: number, key: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int(key).min(min, key).max(max, key).nullable());

export const quizSettingsSchema = z.object({
  ...ref,
  passPercent: z.coerce.number().int('quiz.passPercentRange').min(0, 'quiz.passPercentRange').max(100, 'quiz.passPercentRange'),
  attemptsAllowed: optionalInt(1, 100, 'quiz.attemptsRange'),
  cooldownMinutes: z.coerce.number().int('quiz.cooldownRange').min(0, 'quiz.cooldownRange').max(60 * 24 * 30, 'quiz.cooldownRange'),
  timeLimitMinutes: optionalInt(1, 600, 'quiz.timeLimitRange'),
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  poolSize: optionalInt(1, 500, 'quiz.poolSizeRange'),
  layout: z.enum(quizLayouts),
  showAnswers: z.enum(showAnswersPolicies),
});
export type QuizSettingsInput = z.infer<typeof quizSettingsSchema>;

const itemId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const text = (max: number) => z.string().trim().min(1, 'quiz.textRequired').max(max, 'validation.tooLong');

const configSchema = z.object({
  options: z.array(z.object({ id: itemId, text: text(500), correct: z.boolean().optional(), feedback: z.string().trim().max(1000, 'validation.tooLong').optional() })).max(20).optional(),
  partialCredit: z.boolean().optional(),
  accepted: z.array(z.string().trim().max(200, 'validation.tooLong')).max(50).optional(),
  caseSensitive: z.boolean().optional(),
  value: z.number().finite().optional(),
  tolerance: z.number().finite().min(0, 'quiz.toleranceRange').optional(),
  items: z.array(z.object({ id: itemId, text: text(500) })).max(20).optional(),
  pairs: z.array(z.object({ id: itemId, left: text(300), right: text(300) })).max(20).optional(),
  answer: z.boolean().optional(),
});

export const saveQuestionSchema = z
  .object({
    ...ref,
    questionId: z.uuid().nullable(),
    type: z.enum(questionTypes),
    prompt: z.string().trim().min(1, 'quiz.promptRequired').max(5000, 'validation.tooLong'),
    points: z.coerce.number().min(0.5, 'quiz.pointsRange').max(100, 'quiz.pointsRange'),
    explanation: z.string().trim().max(5000, 'validation.tooLong').default(''),
    config: configSchema,
  })
  .superRefine((q, ctx) => {
    const c = q.config;
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: ['config', path], message });
    const unique = (ids: string[]) => new Set(ids).size === ids.length;
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const opts = c.options ?? [];
        if (opts.length < 2) issue('options', 'quiz.needsTwoOptions');
        else if (!unique(opts.map((o) => o.id))) issue('options', 'validation.invalid');
        else if (!opts.some((o) => o.correct)) issue('options', 'quiz.needsCorrectOption');
        else if (q.type === 'single' && opts.filter((o) => o.correct).length > 1) issue('options', 'quiz.oneCorrectOption');
        break;
      }
      case 'true_false':
        if (c.answer === undefined) issue('answer', 'quiz.needsTrueFalse');
        break;
      case 'short_text':
        if (!(c.accepted ?? []).some((a) => a.trim())) issue('accepted', 'quiz.needsAccepted');
        break;
      case 'number':
        if (c.value === undefined) issue('value', 'quiz.needsNumber');
        break;
      case 'ordering': {
        const items = c.items ?? [];
        if (items.length < 2) issue('items', 'quiz.needsTwoItems');
        else if (!unique(items.map((i) => i.id))) issue('items', 'validation.invalid');
        break;
      }
      case 'matching': {
        const pairs = c.pairs ?? [];
        if (pairs.length < 2) issue('pairs', 'quiz.needsTwoPairs');
        else if (!unique(pairs.map((p) => p.id))) issue('pairs', 'validation.invalid');
        break;
      }
      case 'open':
        break;
    }
  });
export type SaveQuestionInput = z.infer<typeof saveQuestionSchema>;

export const questionRefSchema = z.object({ ...ref, questionId: z.uuid() });
export const moveQuestionSchema = z.object({ ...ref, questionId: z.uuid(), toIndex: z.number().int().min(0).max(10_000) });
export const lessonRefSchema = z.object(ref);

/** An answer as posted by the taking form; its shape is checked against the question when scoring. */
export const answerSchema = z.union([
  z.string().max(10_000),
  z.array(z.string().max(100)).max(50),
  z.number().finite(),
  z.boolean(),
  z.record(z.string().max(100), z.string().max(100)),
  z.null(),
]);
const answersSchema = z.record(z.uuid(), answerSchema).refine((a) => Object.keys(a).length <= 500);

export const saveAnswersSchema = z.object({ attemptId: z.uuid(), answers: answersSchema });
export type SaveAnswersInput = z.infer<typeof saveAnswersSchema>;
export const submitAttemptSchema = z.object({ attemptId: z.uuid(), answers: answersSchema.default({}) });
export type SubmitAttemptInput = z.infer<typeof submitAttemptSchema>;

export const gradeAttemptSchema = z.object({ courseId: z.uuid(), attemptId: z.uuid(), points: z.record(z.uuid(), z.coerce.number().min(0, 'quiz.pointsRange').max(100, 'quiz.pointsRange')) });
export type GradeAttemptInput = z.infer<typeof gradeAttemptSchema>;
