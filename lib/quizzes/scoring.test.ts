import { describe, expect, it } from 'vitest';
import { gradeAnswers, normalizeText, scoreQuestion, type ScorableQuestion } from './scoring';

const q = (type: ScorableQuestion['type'], config: ScorableQuestion['config'], points = 2): ScorableQuestion => ({ id: `q-${type}`, type, points, config });

const choice = [
  { id: 'a', text: 'A', correct: true, feedback: 'Yes, A' },
  { id: 'b', text: 'B', feedback: 'Not B' },
  { id: 'c', text: 'C', correct: true },
  { id: 'd', text: 'D' },
];

describe('scoreQuestion', () => {
  it('single choice: full points for the correct option, the chosen option’s feedback', () => {
    const s = q('single', { options: choice.map((o) => ({ ...o, correct: o.id === 'a' })) });
    expect(scoreQuestion(s, 'a')).toEqual({ points: 2, max: 2, correct: true, feedback: ['Yes, A'] });
    expect(scoreQuestion(s, 'b')).toEqual({ points: 0, max: 2, correct: false, feedback: ['Not B'] });
    expect(scoreQuestion(s, 'zzz')).toMatchObject({ points: 0, correct: false });
    expect(scoreQuestion(s, ['a'])).toMatchObject({ points: 0, correct: false });
    expect(scoreQuestion(s, undefined)).toMatchObject({ points: 0, correct: false });
  });

  it('multiple choice: exact set only, without partial credit', () => {
    const s = q('multiple', { options: choice });
    expect(scoreQuestion(s, ['c', 'a']).points).toBe(2);
    expect(scoreQuestion(s, ['a']).points).toBe(0);
    expect(scoreQuestion(s, ['a', 'c', 'd']).points).toBe(0);
    expect(scoreQuestion(s, 'a').points).toBe(0);
  });

  it('multiple choice with partial credit: right picks earn a share, wrong picks take one back, floor 0', () => {
    const s = q('multiple', { options: choice, partialCredit: true }, 4);
    expect(scoreQuestion(s, ['a', 'c'])).toMatchObject({ points: 4, correct: true });
    expect(scoreQuestion(s, ['a'])).toMatchObject({ points: 2, correct: false });
    expect(scoreQuestion(s, ['a', 'b'])).toMatchObject({ points: 0, correct: false, feedback: ['Yes, A', 'Not B'] });
    expect(scoreQuestion(s, ['b', 'd']).points).toBe(0);
    // Unknown ids are ignored rather than counted.
    expect(scoreQuestion(s, ['a', 'x', 'y']).points).toBe(2);
  });

  it('true/false', () => {
    const s = q('true_false', { answer: false });
    expect(scoreQuestion(s, false).correct).toBe(true);
    expect(scoreQuestion(s, true).correct).toBe(false);
    expect(scoreQuestion(s, 'false').correct).toBe(false);
  });

  it('short text: any accepted answer, case- and whitespace-insensitive by default', () => {
    const s = q('short_text', { accepted: ['Paris', 'City of Light'] });
    expect(scoreQuestion(s, '  paris ').correct).toBe(true);
    expect(scoreQuestion(s, 'city   of\tLIGHT').correct).toBe(true);
    expect(scoreQuestion(s, 'London').correct).toBe(false);
    expect(scoreQuestion(s, '   ').correct).toBe(false);
    const cs = q('short_text', { accepted: ['NaCl'], caseSensitive: true });
    expect(scoreQuestion(cs, ' NaCl ').correct).toBe(true);
    expect(scoreQuestion(cs, 'nacl').correct).toBe(false);
  });

  it('normalizeText handles Unicode case', () => {
    expect(normalizeText('  ПРИВЕТ   Мир ')).toBe('привет мир');
  });

  it('number: within the tolerance (inclusive), strings with a comma accepted', () => {
    const s = q('number', { value: 3.14, tolerance: 0.01 });
    expect(scoreQuestion(s, 3.15).correct).toBe(true);
    expect(scoreQuestion(s, 3.13).correct).toBe(true);
    expect(scoreQuestion(s, 3.16).correct).toBe(false);
    expect(scoreQuestion(s, '3,14').correct).toBe(true);
    expect(scoreQuestion(s, 'pi').correct).toBe(false);
    const exact = q('number', { value: 42 });
    expect(scoreQuestion(exact, 42).correct).toBe(true);
    expect(scoreQuestion(exact, 42.001).correct).toBe(false);
  });

  it('ordering: the exact order only', () => {
    const s = q('ordering', { items: [{ id: 'x', text: '1' }, { id: 'y', text: '2' }, { id: 'z', text: '3' }] });
    expect(scoreQuestion(s, ['x', 'y', 'z']).correct).toBe(true);
    expect(scoreQuestion(s, ['y', 'x', 'z']).correct).toBe(false);
    expect(scoreQuestion(s, ['x', 'y']).correct).toBe(false);
  });

  it('matching: right-side tokens resolved through the attempt’s order; partial credit per pair', () => {
    const pairs = [
      { id: 'p1', left: 'France', right: 'Paris' },
      { id: 'p2', left: 'Spain', right: 'Madrid' },
      { id: 'p3', left: 'Italy', right: 'Rome' },
      { id: 'p4', left: 'Peru', right: 'Lima' },
    ];
    const order = ['p3', 'p1', 'p4', 'p2']; // r0 = Rome, r1 = Paris, r2 = Lima, r3 = Madrid
    const all = q('matching', { pairs }, 4);
    expect(scoreQuestion(all, { p1: 'r1', p2: 'r3', p3: 'r0', p4: 'r2' }, order)).toMatchObject({ points: 4, correct: true });
    expect(scoreQuestion(all, { p1: 'r1', p2: 'r0', p3: 'r3', p4: 'r2' }, order)).toMatchObject({ points: 0, correct: false });
    const partial = q('matching', { pairs, partialCredit: true }, 4);
    expect(scoreQuestion(partial, { p1: 'r1', p2: 'r0', p3: 'r3', p4: 'r2' }, order)).toMatchObject({ points: 2, correct: false });
    // Raw pair ids are not tokens and score nothing when an order is given.
    expect(scoreQuestion(partial, { p1: 'p1', p2: 'p2' }, order).points).toBe(0);
  });

  it('open answer: not auto-graded', () => {
    expect(scoreQuestion(q('open', {}), 'My essay')).toEqual({ points: 0, max: 2, correct: null });
  });
});

describe('gradeAnswers', () => {
  const questions = [q('true_false', { answer: true }, 1), { ...q('short_text', { accepted: ['x'] }, 3) }];

  it('sums points and passes at the pass mark', () => {
    const g = gradeAnswers(questions, { 'q-true_false': true, 'q-short_text': 'X' }, 100);
    expect(g).toMatchObject({ score: 4, maxScore: 4, percent: 100, passed: true, pendingReview: false });
    const h = gradeAnswers(questions, { 'q-true_false': true }, 30);
    expect(h).toMatchObject({ score: 1, percent: 25, passed: false });
    expect(gradeAnswers(questions, { 'q-true_false': true }, 25).passed).toBe(true);
  });

  it('open questions leave the attempt pending until points are awarded (clamped to the max)', () => {
    const withOpen = [...questions, q('open', {}, 4)];
    const g = gradeAnswers(withOpen, { 'q-true_false': true, 'q-short_text': 'x', 'q-open': 'essay' }, 50);
    expect(g).toMatchObject({ pendingReview: true, passed: null, score: 4, maxScore: 8 });
    const graded = gradeAnswers(withOpen, { 'q-true_false': true, 'q-short_text': 'x' }, 75, {}, { 'q-open': 9 });
    expect(graded).toMatchObject({ pendingReview: false, passed: true, score: 8, percent: 100 });
    expect(graded.results['q-open']).toEqual({ points: 4, max: 4, correct: true });
  });
});
