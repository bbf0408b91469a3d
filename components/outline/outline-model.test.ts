import { describe, expect, it } from 'vitest';
import type { CourseOutline, OutlineLesson } from '@/lib/outline/dto';
import { applyOp, editorReducer, initEditor, reconcile, toShape } from './outline-model';

const lesson = (id: string, title = id): OutlineLesson => ({ id, title, type: 'text', status: 'draft', isFreePreview: false, durationSeconds: null });
const outline = (): CourseOutline => ({
  courseId: 'c',
  title: 'Course',
  version: 5,
  canUndo: false,
  canRedo: true,
  modules: [
    { id: 'A', title: 'Alpha', lessons: [lesson('a1'), lesson('a2'), lesson('a3')] },
    { id: 'B', title: 'Beta', lessons: [] },
    { id: 'C', title: 'Gamma', lessons: [lesson('c1')] },
  ],
});

describe('applyOp', () => {
  it('moves lessons with the server planner and reuses untouched modules and lessons', () => {
    const o = outline();
    const next = applyOp(o, { kind: 'moveLessons', lessonIds: ['a3', 'a1'], toModuleId: 'B', toIndex: 0 });
    expect(toShape(next)).toEqual({ modules: [{ id: 'A', lessonIds: ['a2'] }, { id: 'B', lessonIds: ['a1', 'a3'] }, { id: 'C', lessonIds: ['c1'] }] });
    expect(next.modules[2]).toBe(o.modules[2]);
    expect(next.modules[1]!.lessons[0]).toBe(o.modules[0]!.lessons[0]);
    expect(next).toMatchObject({ canUndo: true, canRedo: false });
  });

  it('returns the same object for a drop where the lesson already is, or an invalid move', () => {
    const o = outline();
    expect(applyOp(o, { kind: 'moveLessons', lessonIds: ['a2'], toModuleId: 'A', toIndex: 1 })).toBe(o);
    expect(applyOp(o, { kind: 'moveLessons', lessonIds: ['zz'], toModuleId: 'A', toIndex: 0 })).toBe(o);
    expect(applyOp(o, { kind: 'moveModule', moduleId: 'A', toIndex: 0 })).toBe(o);
    expect(applyOp(o, { kind: 'undo' })).toBe(o);
  });

  it('moves modules, deletes and renames locally', () => {
    const o = outline();
    expect(applyOp(o, { kind: 'moveModule', moduleId: 'C', toIndex: 0 }).modules.map((m) => m.id)).toEqual(['C', 'A', 'B']);
    expect(applyOp(o, { kind: 'deleteModule', moduleId: 'B' }).modules.map((m) => m.id)).toEqual(['A', 'C']);
    const deleted = applyOp(o, { kind: 'deleteLessons', lessonIds: ['a2'] });
    expect(deleted.modules[0]!.lessons.map((l) => l.id)).toEqual(['a1', 'a3']);
    expect(deleted.modules[2]).toBe(o.modules[2]);
    const renamed = applyOp(o, { kind: 'renameLesson', lessonId: 'c1', title: '  New  ' });
    expect(renamed.modules[2]!.lessons[0]!.title).toBe('New');
    expect(renamed.modules[0]).toBe(o.modules[0]);
    expect(applyOp(o, { kind: 'renameModule', moduleId: 'A', title: 'Alpha' })).toBe(o);
  });
});

describe('reconcile', () => {
  it('keeps object identity for everything the server did not change', () => {
    const prev = outline();
    const fresh = structuredClone(prev);
    fresh.modules[2]!.lessons[0]!.title = 'Renamed';
    const out = reconcile(prev, fresh);
    expect(out.modules[0]).toBe(prev.modules[0]);
    expect(out.modules[1]).toBe(prev.modules[1]);
    expect(out.modules[2]).not.toBe(prev.modules[2]);
    expect(out.modules[2]!.lessons[0]!.title).toBe('Renamed');
  });
});

describe('editorReducer', () => {
  const move = { kind: 'moveLessons' as const, lessonIds: ['a1'], toModuleId: 'B', toIndex: 0 };

  it('shows an operation at once and keeps it when the server confirms with a new version', () => {
    let s = initEditor(outline());
    s = editorReducer(s, { type: 'enqueue', id: 1, op: move });
    expect(toShape(s.view).modules[1]!.lessonIds).toEqual(['a1']);
    expect(s.base.version).toBe(5);
    const shown = s.view.modules;
    s = editorReducer(s, { type: 'settled', id: 1, version: 6 });
    expect(s.pending).toEqual([]);
    expect(s.base.version).toBe(6);
    expect(toShape(s.base)).toEqual(toShape(s.view));
    expect(s.view.modules).toBe(shown); // no re-render of rows on confirmation
  });

  it('rolls a failed operation back but keeps later ones', () => {
    let s = initEditor(outline());
    s = editorReducer(s, { type: 'enqueue', id: 1, op: move });
    s = editorReducer(s, { type: 'enqueue', id: 2, op: { kind: 'moveModule', moduleId: 'C', toIndex: 0 } });
    s = editorReducer(s, { type: 'failed', id: 1 });
    expect(toShape(s.view)).toEqual({ modules: [{ id: 'C', lessonIds: ['c1'] }, { id: 'A', lessonIds: ['a1', 'a2', 'a3'] }, { id: 'B', lessonIds: [] }] });
  });

  it('takes the server outline from results that carry one, replaying what is still pending', () => {
    let s = initEditor(outline());
    s = editorReducer(s, { type: 'enqueue', id: 1, op: { kind: 'undo' } });
    s = editorReducer(s, { type: 'enqueue', id: 2, op: move });
    const server = { ...outline(), version: 6, canRedo: true, modules: outline().modules.slice(0, 2) };
    s = editorReducer(s, { type: 'settled', id: 1, version: 6, outline: server });
    expect(s.base.modules.map((m) => m.id)).toEqual(['A', 'B']);
    expect(toShape(s.view).modules[1]!.lessonIds).toEqual(['a1']);
  });

  it('drops everything on a rollback or a reset, and ignores results of dropped operations', () => {
    let s = initEditor(outline());
    s = editorReducer(s, { type: 'enqueue', id: 1, op: move });
    s = editorReducer(s, { type: 'rollbackAll' });
    expect(toShape(s.view)).toEqual(toShape(outline()));
    const fresh = { ...outline(), version: 9 };
    s = editorReducer(s, { type: 'reset', outline: fresh });
    expect(s.base.version).toBe(9);
    expect(editorReducer(s, { type: 'settled', id: 1, version: 10 })).toBe(s);
  });
});
