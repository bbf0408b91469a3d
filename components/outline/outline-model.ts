// Pure client-side outline state: the optimistic view is the server's outline with the editor's
// unconfirmed operations replayed on top, using the same planner the server runs. Objects are
// shared wherever nothing changed, so memoized module and lesson rows skip re-rendering.
import type { LessonType } from '@/lib/course-constants';
import type { CourseOutline, OutlineLesson, OutlineModule } from '@/lib/outline/dto';
import { moveLessons, moveModule, type OutlineShape } from '@/lib/outline/planner';

/** What the editor asks the server to do; structural kinds are also applied locally at once. */
export type OutlineOp =
  | { kind: 'moveLessons'; lessonIds: string[]; toModuleId: string; toIndex: number }
  | { kind: 'moveModule'; moduleId: string; toIndex: number }
  | { kind: 'deleteModule'; moduleId: string }
  | { kind: 'deleteLessons'; lessonIds: string[] }
  | { kind: 'renameModule'; moduleId: string; title: string }
  | { kind: 'renameLesson'; lessonId: string; title: string }
  | { kind: 'createModule'; title: string }
  | { kind: 'createLesson'; moduleId: string; title: string; type: LessonType }
  | { kind: 'undo' }
  | { kind: 'redo' };

export const toShape = (o: CourseOutline): OutlineShape => ({ modules: o.modules.map((m) => ({ id: m.id, lessonIds: m.lessons.map((l) => l.id) })) });

const sameIds = (lessons: readonly OutlineLesson[], ids: readonly string[]) => lessons.length === ids.length && lessons.every((l, i) => l.id === ids[i]);

/** The outline rearranged to `shape`, reusing every module whose lessons did not change. */
export function withShape(o: CourseOutline, shape: OutlineShape): CourseOutline {
  const lessons = new Map<string, OutlineLesson>();
  const modules = new Map<string, OutlineModule>();
  for (const m of o.modules) {
    modules.set(m.id, m);
    for (const l of m.lessons) lessons.set(l.id, l);
  }
  let changed = shape.modules.length !== o.modules.length;
  const next = shape.modules.map((s, i) => {
    const old = modules.get(s.id)!;
    const kept = sameIds(old.lessons, s.lessonIds) ? old : { ...old, lessons: s.lessonIds.map((id) => lessons.get(id)!) };
    if (kept !== o.modules[i]) changed = true;
    return kept;
  });
  return changed ? { ...o, modules: next } : o;
}

const structural = (o: CourseOutline): CourseOutline => (o.canUndo && !o.canRedo ? o : { ...o, canUndo: true, canRedo: false });

/**
 * Applies an operation locally. Returns the same object when it changes nothing (a drop where it
 * started, an operation only the server can perform, or one that no longer fits this outline).
 */
export function applyOp(o: CourseOutline, op: OutlineOp): CourseOutline {
  switch (op.kind) {
    case 'moveLessons': {
      const plan = moveLessons(toShape(o), op.lessonIds, op.toModuleId, op.toIndex);
      if (!plan.ok) return o;
      const next = withShape(o, plan.shape);
      return next === o ? o : structural(next);
    }
    case 'moveModule': {
      const plan = moveModule(toShape(o), op.moduleId, op.toIndex);
      if (!plan.ok) return o;
      const next = withShape(o, plan.shape);
      return next === o ? o : structural(next);
    }
    case 'deleteModule':
      if (!o.modules.some((m) => m.id === op.moduleId)) return o;
      return structural({ ...o, modules: o.modules.filter((m) => m.id !== op.moduleId) });
    case 'deleteLessons': {
      const ids = new Set(op.lessonIds);
      const modules = o.modules.map((m) => (m.lessons.some((l) => ids.has(l.id)) ? { ...m, lessons: m.lessons.filter((l) => !ids.has(l.id)) } : m));
      return modules.every((m, i) => m === o.modules[i]) ? o : structural({ ...o, modules });
    }
    case 'renameModule': {
      const title = op.title.trim();
      const modules = o.modules.map((m) => (m.id === op.moduleId && m.title !== title ? { ...m, title } : m));
      return modules.every((m, i) => m === o.modules[i]) ? o : structural({ ...o, modules });
    }
    case 'renameLesson': {
      const title = op.title.trim();
      const modules = o.modules.map((m) => {
        const i = m.lessons.findIndex((l) => l.id === op.lessonId);
        if (i < 0 || m.lessons[i]!.title === title) return m;
        const lessons = [...m.lessons];
        lessons[i] = { ...lessons[i]!, title };
        return { ...m, lessons };
      });
      return modules.every((m, i) => m === o.modules[i]) ? o : structural({ ...o, modules });
    }
    default:
      return o; // created ids and undo/redo results come from the server
  }
}

const sameLesson = (a: OutlineLesson, b: OutlineLesson) =>
  a.id === b.id && a.title === b.title && a.type === b.type && a.status === b.status && a.isFreePreview === b.isFreePreview && a.durationSeconds === b.durationSeconds;

/** `next` (fresh from the server) with every module and lesson that did not change taken from `prev`. */
export function reconcile(prev: CourseOutline, next: CourseOutline): CourseOutline {
  const lessons = new Map<string, OutlineLesson>();
  const modules = new Map<string, OutlineModule>();
  for (const m of prev.modules) {
    modules.set(m.id, m);
    for (const l of m.lessons) lessons.set(l.id, l);
  }
  return {
    ...next,
    modules: next.modules.map((m) => {
      const ls = m.lessons.map((l) => {
        const p = lessons.get(l.id);
        return p && sameLesson(p, l) ? p : l;
      });
      const pm = modules.get(m.id);
      return pm && pm.title === m.title && pm.lessons.length === ls.length && pm.lessons.every((l, i) => l === ls[i]) ? pm : { ...m, lessons: ls };
    }),
  };
}

// ---- the editor's state machine ----

export type Pending = { id: number; op: OutlineOp };
/** `base`: the outline as last confirmed by the server. `view`: base + pending ops, what is shown. */
export type EditorState = { base: CourseOutline; pending: Pending[]; view: CourseOutline };
export type EditorAction =
  | { type: 'enqueue'; id: number; op: OutlineOp }
  | { type: 'settled'; id: number; version: number; outline?: CourseOutline }
  | { type: 'failed'; id: number }
  | { type: 'rollbackAll' }
  | { type: 'reset'; outline: CourseOutline };

export const initEditor = (outline: CourseOutline): EditorState => ({ base: outline, pending: [], view: outline });

const replay = (base: CourseOutline, pending: readonly Pending[]) => pending.reduce((o, p) => applyOp(o, p.op), base);

export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  switch (a.type) {
    case 'enqueue':
      return { ...s, pending: [...s.pending, { id: a.id, op: a.op }], view: applyOp(s.view, a.op) };
    case 'settled': {
      const done = s.pending.find((p) => p.id === a.id);
      if (!done) return s; // dropped by a reset meanwhile
      const pending = s.pending.filter((p) => p !== done);
      if (a.outline) {
        const base = reconcile(s.view, a.outline);
        return { base, pending, view: replay(base, pending) };
      }
      // The server did exactly what the view already shows (it runs the same planner).
      const moved = applyOp(s.base, done.op);
      const base = { ...moved, version: a.version, canUndo: moved === s.base ? s.base.canUndo : true, canRedo: moved === s.base ? s.base.canRedo : false };
      return { base, pending, view: pending.length ? s.view : { ...s.view, version: a.version, canUndo: base.canUndo, canRedo: base.canRedo } };
    }
    case 'failed': {
      const pending = s.pending.filter((p) => p.id !== a.id);
      if (pending.length === s.pending.length) return s;
      return { ...s, pending, view: reconcile(s.view, replay(s.base, pending)) };
    }
    case 'rollbackAll':
      return { ...s, pending: [], view: reconcile(s.view, s.base) };
    case 'reset': {
      const base = reconcile(s.view, a.outline);
      return { base, pending: [], view: base };
    }
  }
}
