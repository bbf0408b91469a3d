import { describe, expect, it } from 'vitest';
import { diffShapes, isDense, moveLessons, moveModule, placeLessons, placementsOf, type OutlineShape } from './planner';

const shape = (): OutlineShape => ({
  modules: [
    { id: 'A', lessonIds: ['a1', 'a2', 'a3'] },
    { id: 'B', lessonIds: ['b1', 'b2'] },
    { id: 'C', lessonIds: [] },
  ],
});
const lessonsOf = (r: ReturnType<typeof moveLessons>) => (r.ok ? Object.fromEntries(r.shape.modules.map((m) => [m.id, m.lessonIds])) : r.reason);

describe('moveLessons', () => {
  it('reorders within a module (down and up)', () => {
    expect(lessonsOf(moveLessons(shape(), ['a1'], 'A', 2))).toMatchObject({ A: ['a2', 'a3', 'a1'] });
    expect(lessonsOf(moveLessons(shape(), ['a3'], 'A', 0))).toMatchObject({ A: ['a3', 'a1', 'a2'] });
  });
  it('a move to the same place changes nothing', () => {
    const r = moveLessons(shape(), ['a2'], 'A', 1);
    expect(r.ok && diffShapes(shape(), r.shape)).toEqual({ modules: [], lessons: [] });
  });
  it('moves across modules and keeps both dense', () => {
    expect(lessonsOf(moveLessons(shape(), ['a2'], 'B', 1))).toEqual({ A: ['a1', 'a3'], B: ['b1', 'a2', 'b2'], C: [] });
  });
  it('moves into an empty module', () => {
    expect(lessonsOf(moveLessons(shape(), ['b2'], 'C', 0))).toEqual({ A: ['a1', 'a2', 'a3'], B: ['b1'], C: ['b2'] });
  });
  it('moves a multi-selection together in outline order, whatever the click order', () => {
    expect(lessonsOf(moveLessons(shape(), ['b1', 'a3', 'a1'], 'C', 0))).toEqual({ A: ['a2'], B: ['b2'], C: ['a1', 'a3', 'b1'] });
    expect(lessonsOf(moveLessons(shape(), ['a1', 'a3'], 'A', 1))).toMatchObject({ A: ['a2', 'a1', 'a3'] });
  });
  it('accepts the end of the target and refuses beyond it or negative', () => {
    expect(lessonsOf(moveLessons(shape(), ['a1'], 'B', 2))).toMatchObject({ B: ['b1', 'b2', 'a1'] });
    expect(lessonsOf(moveLessons(shape(), ['a1'], 'B', 3))).toBe('INVALID_INDEX');
    expect(lessonsOf(moveLessons(shape(), ['a1'], 'B', -1))).toBe('INVALID_INDEX');
    expect(lessonsOf(moveLessons(shape(), ['a1'], 'A', 3))).toBe('INVALID_INDEX');
    expect(lessonsOf(moveLessons(shape(), ['a1'], 'A', 1.5))).toBe('INVALID_INDEX');
  });
  it('refuses unknown lessons or modules and empty selections', () => {
    expect(lessonsOf(moveLessons(shape(), ['zz'], 'A', 0))).toBe('NOT_FOUND');
    expect(lessonsOf(moveLessons(shape(), ['a1'], 'Z', 0))).toBe('NOT_FOUND');
    expect(lessonsOf(moveLessons(shape(), [], 'A', 0))).toBe('EMPTY_SELECTION');
  });
});

describe('moveModule', () => {
  it('moves to any index in the final order', () => {
    const r = moveModule(shape(), 'A', 2);
    expect(r.ok && r.shape.modules.map((m) => m.id)).toEqual(['B', 'C', 'A']);
    const r2 = moveModule(shape(), 'C', 0);
    expect(r2.ok && r2.shape.modules.map((m) => m.id)).toEqual(['C', 'A', 'B']);
  });
  it('refuses out-of-range indexes and unknown modules', () => {
    expect(moveModule(shape(), 'A', 3)).toEqual({ ok: false, reason: 'INVALID_INDEX' });
    expect(moveModule(shape(), 'A', -1)).toEqual({ ok: false, reason: 'INVALID_INDEX' });
    expect(moveModule(shape(), 'Q', 0)).toEqual({ ok: false, reason: 'NOT_FOUND' });
  });
});

describe('placeLessons (undo of a move)', () => {
  it('restores the exact original layout after a multi-move', () => {
    const before = shape();
    const r = moveLessons(before, ['a1', 'b2'], 'C', 0);
    if (!r.ok) throw new Error('move failed');
    const undone = placeLessons(r.shape, placementsOf(before, ['a1', 'b2']));
    expect(undone).toEqual(before);
  });
  it('clamps into shorter modules and skips lessons that are gone', () => {
    const s: OutlineShape = { modules: [{ id: 'A', lessonIds: ['x'] }, { id: 'B', lessonIds: ['y'] }] };
    expect(placeLessons(s, [{ lessonId: 'y', moduleId: 'A', position: 9 }, { lessonId: 'gone', moduleId: 'A', position: 0 }]).modules).toEqual([
      { id: 'A', lessonIds: ['x', 'y'] },
      { id: 'B', lessonIds: [] },
    ]);
  });
});

describe('diffShapes', () => {
  it('lists only rows whose parent or position changed', () => {
    const r = moveLessons(shape(), ['a3'], 'A', 0);
    expect(r.ok && diffShapes(shape(), r.shape).lessons).toEqual([
      { lessonId: 'a3', moduleId: 'A', position: 0 },
      { lessonId: 'a1', moduleId: 'A', position: 1 },
      { lessonId: 'a2', moduleId: 'A', position: 2 },
    ]);
  });
});

describe('random moves keep every parent dense', () => {
  it('holds for 2,000 random moves', () => {
    let s: OutlineShape = { modules: Array.from({ length: 5 }, (_, i) => ({ id: `M${i}`, lessonIds: Array.from({ length: 4 }, (_, j) => `L${i}-${j}`) })) };
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 2000; i++) {
      const all = placementsOf(s);
      if (rnd(4) === 0) {
        const r = moveModule(s, s.modules[rnd(s.modules.length)]!.id, rnd(s.modules.length));
        if (r.ok) s = r.shape;
      } else {
        const picks = Array.from({ length: 1 + rnd(3) }, () => all[rnd(all.length)]!.lessonId);
        const target = s.modules[rnd(s.modules.length)]!;
        const remaining = target.lessonIds.filter((id) => !picks.includes(id)).length;
        const r = moveLessons(s, picks, target.id, rnd(remaining + 1));
        if (r.ok) s = r.shape;
      }
      expect(placementsOf(s)).toHaveLength(20);
    }
    for (const m of s.modules) expect(isDense(m.lessonIds.map((_, i) => i))).toBe(true);
    expect(new Set(placementsOf(s).map((p) => p.lessonId)).size).toBe(20);
  });
});
