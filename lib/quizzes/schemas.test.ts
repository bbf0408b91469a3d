import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '@/lib/validation';
import { quizSettingsSchema, saveQuestionSchema } from './schemas';

const id = '00000000-0000-4000-8000-000000000000';
const base = { courseId: id, lessonId: id, questionId: null, prompt: 'Q?', points: 1, explanation: '' };
const errorsOf = (input: unknown) => {
  const r = saveQuestionSchema.safeParse(input);
  return r.success ? {} : toFieldErrors(r.error);
};

describe('saveQuestionSchema', () => {
  it('requires a correct option for choice questions, one only for single choice', () => {
    const options = [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ];
    expect(errorsOf({ ...base, type: 'single', config: { options } })).toEqual({ 'config.options': ['quiz.needsCorrectOption'] });
    expect(errorsOf({ ...base, type: 'single', config: { options: options.map((o) => ({ ...o, correct: true })) } })).toEqual({ 'config.options': ['quiz.oneCorrectOption'] });
    expect(errorsOf({ ...base, type: 'multiple', config: { options: options.map((o) => ({ ...o, correct: true })) } })).toEqual({});
    expect(errorsOf({ ...base, type: 'multiple', config: { options: [{ id: 'a', text: 'A', correct: true }] } })).toEqual({ 'config.options': ['quiz.needsTwoOptions'] });
  });

  it('short text needs an accepted answer, matching two pairs, ordering two items, number a value', () => {
    expect(errorsOf({ ...base, type: 'short_text', config: { accepted: ['  '] } })).toEqual({ 'config.accepted': ['quiz.needsAccepted'] });
    expect(errorsOf({ ...base, type: 'matching', config: { pairs: [{ id: 'p', left: 'a', right: 'b' }] } })).toEqual({ 'config.pairs': ['quiz.needsTwoPairs'] });
    expect(errorsOf({ ...base, type: 'ordering', config: { items: [{ id: 'x', text: 'x' }] } })).toEqual({ 'config.items': ['quiz.needsTwoItems'] });
    expect(errorsOf({ ...base, type: 'number', config: {} })).toEqual({ 'config.value': ['quiz.needsNumber'] });
    expect(errorsOf({ ...base, type: 'true_false', config: {} })).toEqual({ 'config.answer': ['quiz.needsTrueFalse'] });
    expect(errorsOf({ ...base, type: 'open', prompt: ' ', config: {} })).toEqual({ prompt: ['quiz.promptRequired'] });
  });
});

describe('quizSettingsSchema', () => {
  it('empty optional numbers mean unlimited; out-of-range values get keys', () => {
    const ok = quizSettingsSchema.parse({ courseId: id, lessonId: id, passPercent: '80', attemptsAllowed: '', cooldownMinutes: '0', timeLimitMinutes: '', shuffleQuestions: false, shuffleOptions: true, poolSize: '', layout: 'all', showAnswers: 'never' });
    expect(ok).toMatchObject({ passPercent: 80, attemptsAllowed: null, timeLimitMinutes: null, poolSize: null });
    const bad = quizSettingsSchema.safeParse({ courseId: id, lessonId: id, passPercent: 120, attemptsAllowed: 0, cooldownMinutes: -1, timeLimitMinutes: null, shuffleQuestions: false, shuffleOptions: false, poolSize: null, layout: 'all', showAnswers: 'never' });
    expect(toFieldErrors(bad.error!)).toEqual({ passPercent: ['quiz.passPercentRange'], attemptsAllowed: ['quiz.attemptsRange'], cooldownMinutes: ['quiz.cooldownRange'] });
  });
});
