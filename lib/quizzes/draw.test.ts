import { describe, expect, it } from 'vitest';
import { drawAttempt, seededRng, shuffle, shuffleAway, type DrawQuestion } from './draw';

const pool: DrawQuestion[] = Array.from({ length: 10 }, (_, i) => ({ id: `q${i}`, type: 'single', optionIds: ['a', 'b', 'c', 'd'] }));

describe('drawAttempt', () => {
  it('keeps all questions in authoring order without a pool or shuffling', () => {
    const d = drawAttempt(pool, { poolSize: null, shuffleQuestions: false, shuffleOptions: false }, seededRng(1));
    expect(d.questionIds).toEqual(pool.map((q) => q.id));
    expect(d.optionOrder).toEqual({});
  });

  it('draws N of M, deterministically for a seed, in authoring order unless shuffled', () => {
    const a = drawAttempt(pool, { poolSize: 4, shuffleQuestions: false, shuffleOptions: false }, seededRng(42));
    const b = drawAttempt(pool, { poolSize: 4, shuffleQuestions: false, shuffleOptions: false }, seededRng(42));
    expect(a).toEqual(b);
    expect(a.questionIds).toHaveLength(4);
    expect(new Set(a.questionIds).size).toBe(4);
    const idx = a.questionIds.map((id) => Number(id.slice(1)));
    expect(idx).toEqual([...idx].sort((x, y) => x - y));
    const c = drawAttempt(pool, { poolSize: 4, shuffleQuestions: false, shuffleOptions: false }, seededRng(7));
    expect(c.questionIds).not.toEqual(a.questionIds);
  });

  it('a pool at least as large as the questions draws them all', () => {
    expect(drawAttempt(pool, { poolSize: 50, shuffleQuestions: false, shuffleOptions: false }).questionIds).toHaveLength(10);
  });

  it('shuffles questions and options when asked, always ordering items and matching rights', () => {
    const qs: DrawQuestion[] = [
      { id: 's', type: 'single', optionIds: ['a', 'b', 'c', 'd', 'e'] },
      { id: 'o', type: 'ordering', itemIds: ['1', '2', '3'] },
      { id: 'm', type: 'matching', pairIds: ['x', 'y', 'z'] },
      { id: 't', type: 'true_false' },
    ];
    const plain = drawAttempt(qs, { poolSize: null, shuffleQuestions: false, shuffleOptions: false }, seededRng(3));
    expect(plain.optionOrder.s).toBeUndefined();
    expect(plain.optionOrder.o).not.toEqual(['1', '2', '3']);
    expect([...plain.optionOrder.o!].sort()).toEqual(['1', '2', '3']);
    expect([...plain.optionOrder.m!].sort()).toEqual(['x', 'y', 'z']);
    const shuffled = drawAttempt(qs, { poolSize: null, shuffleQuestions: true, shuffleOptions: true }, seededRng(5));
    expect([...shuffled.questionIds].sort()).toEqual(['m', 'o', 's', 't']);
    expect([...shuffled.optionOrder.s!].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('shuffle helpers', () => {
  it('shuffle is a permutation and seeded shuffles repeat', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffle(xs, seededRng(9))).toEqual(shuffle(xs, seededRng(9)));
    expect([...shuffle(xs, seededRng(9))].sort((a, b) => a - b)).toEqual(xs);
  });

  it('shuffleAway never returns the original order of two or more items', () => {
    for (let seed = 0; seed < 200; seed++) expect(shuffleAway(['a', 'b'], seededRng(seed))).toEqual(['b', 'a']);
    // Even an RNG that never moves anything.
    expect(shuffleAway(['a', 'b', 'c'], () => 0.999999)).not.toEqual(['a', 'b', 'c']);
    expect(shuffleAway(['a'], seededRng(1))).toEqual(['a']);
  });
});
