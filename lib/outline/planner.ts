// Pure outline arithmetic: the server computes every position from an intent, never trusting
// positions sent by a client. Unit-tested in planner.test.ts.

export type OutlineShape = { modules: { id: string; lessonIds: string[] }[] };
export type Placement = { lessonId: string; moduleId: string; position: number };
export type PlanError = 'NOT_FOUND' | 'INVALID_INDEX' | 'EMPTY_SELECTION';
export type PlanResult = { ok: true; shape: OutlineShape } | { ok: false, reason: PlanError };

const clone = (s: OutlineShape): OutlineShape => ({ modules: s.modules.map((m) => ({ id: m.id, lessonIds: [...m.lessonIds] })) });

/** Where each lesson is now. */
export function placementsOf(shape: OutlineShape, lessonIds?: readonly string[]): Placement[] {
  const wanted = lessonIds ? new Set(lessonIds) : null;
  const out: Placement[] = [];
  for (const m of shape.modules) m.lessonIds.forEach((id, position) => (!wanted || wanted.has(id)) && out.push({ lessonId: id, moduleId: m.id, position }));
  return out;
}

/**
 * Moves lessons (one or a multi-selection) into `toModuleId` so the first lands at `toIndex`.
 * `toIndex` counts positions in the target module after the moved lessons are taken out, so
 * 0…length is valid. Moved lessons keep their relative outline order, whatever the click order.
 */
export function moveLessons(shape: OutlineShape, lessonIds: readonly string[], toModuleId: string, toIndex: number): PlanResult {
  if (lessonIds.length === 0) return { ok: false, reason: 'EMPTY_SELECTION' };
  const unique = new Set(lessonIds);
  const ordered = placementsOf(shape).filter((p) => unique.has(p.lessonId)).map((p) => p.lessonId);
  if (ordered.length !== unique.size) return { ok: false, reason: 'NOT_FOUND' };
  const next = clone(shape);
  const target = next.modules.find((m) => m.id === toModuleId);
  if (!target) return { ok: false, reason: 'NOT_FOUND' };
  for (const m of next.modules) m.lessonIds = m.lessonIds.filter((id) => !unique.has(id));
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex > target.lessonIds.length) return { ok: false, reason: 'INVALID_INDEX' };
  target.lessonIds.splice(toIndex, 0, ...ordered);
  return { ok: true, shape: next };
}

/** Moves a module to `toIndex` in the final order (0…count-1). */
export function moveModule(shape: OutlineShape, moduleId: string, toIndex: number): PlanResult {
  const from = shape.modules.findIndex((m) => m.id === moduleId);
  if (from < 0) return { ok: false, reason: 'NOT_FOUND' };
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= shape.modules.length) return { ok: false, reason: 'INVALID_INDEX' };
  const next = clone(shape);
  const [m] = next.modules.splice(from, 1);
  next.modules.splice(toIndex, 0, m!);
  return { ok: true, shape: next };
}

/**
 * Puts lessons back where they were (undo of a move). Lessons are taken out, then inserted in
 * ascending position order, each clamped to its module's current length. Lessons or modules that
 * no longer exist are skipped.
 */
export function placeLessons(shape: OutlineShape, placements: readonly Placement[]): OutlineShape {
  const next = clone(shape);
  const present = new Set(placementsOf(next).map((p) => p.lessonId));
  const todo = placements.filter((p) => present.has(p.lessonId) && next.modules.some((m) => m.id === p.moduleId));
  const moving = new Set(todo.map((p) => p.lessonId));
  for (const m of next.modules) m.lessonIds = m.lessonIds.filter((id) => !moving.has(id));
  for (const p of [...todo].sort((a, b) => a.position - b.position)) {
    const m = next.modules.find((x) => x.id === p.moduleId)!;
    m.lessonIds.splice(Math.min(p.position, m.lessonIds.length), 0, p.lessonId);
  }
  return next;
}

export type ShapeDiff = { modules: { id: string; position: number }[]; lessons: Placement[] };

/** Only the rows whose parent or position changed: what a move must write. */
export function diffShapes(before: OutlineShape, after: OutlineShape): ShapeDiff {
  const oldModulePos = new Map(before.modules.map((m, i) => [m.id, i]));
  const oldLesson = new Map(placementsOf(before).map((p) => [p.lessonId, p]));
  const modules = after.modules.flatMap((m, i) => (oldModulePos.get(m.id) === i ? [] : [{ id: m.id, position: i }]));
  const lessons = placementsOf(after).filter((p) => {
    const o = oldLesson.get(p.lessonId);
    return !o || o.moduleId !== p.moduleId || o.position !== p.position;
  });
  return { modules, lessons };
}

/** Positions are 0…n-1 in every parent, with no duplicates (the invariant tests check). */
export function isDense(positions: readonly number[]): boolean {
  const sorted = [...positions].sort((a, b) => a - b);
  return sorted.every((p, i) => p === i);
}
