import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, isNull, max, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { courseModules, courses, lessons, outlineChanges } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import type { LessonType } from '@/lib/course-constants';
import { AppError } from '@/lib/errors';
import type { OutlineChangeResult } from './dto';
import { diffShapes, moveLessons as planLessonMove, moveModule as planModuleMove, placeLessons, placementsOf, type OutlineShape, type Placement, type PlanError } from './planner';
import { getCourseOutline, loadShape } from './queries';
import { deleteLessonAttachments } from '@/lib/attachments/uploads';

type Meta = { ip?: string; requestId?: string };
type LessonRow = typeof lessons.$inferSelect;
type ModuleRow = typeof courseModules.$inferSelect;

/**
 * Outline operations are stored as intents, each of which `applyOp` can reverse, so undo/redo keeps
 * working after other editors have changed the outline in between.
 */
export type OutlineOp =
  | { type: 'placeLessons'; placements: Placement[] }
  | { type: 'moveModule'; moduleId: string; toIndex: number }
  | { type: 'deleteModule'; moduleId: string }
  | { type: 'restoreModule'; module: ModuleRow; lessons: LessonRow[]; index: number }
  | { type: 'deleteLessons'; lessonIds: string[] }
  | { type: 'restoreLessons'; lessons: LessonRow[] }
  | { type: 'renameModule'; moduleId: string; title: string }
  | { type: 'renameLesson'; lessonId: string; title: string };

const planErrorKey: Record<PlanError, string> = { NOT_FOUND: 'outlineNotFound', INVALID_INDEX: 'outlineIndex', EMPTY_SELECTION: 'outlineNotFound' };
const planFailure = (reason: PlanError) => new AppError(reason === 'INVALID_INDEX' ? 'VALIDATION' : 'NOT_FOUND', undefined, { messageKey: planErrorKey[reason], fieldErrors: reason === 'INVALID_INDEX' ? { toIndex: ['validation.indexOutOfRange'] } : undefined });

/** Writes only the rows whose parent or position changed, one statement per table. */
async function writeShape(tx: Tx, before: OutlineShape, after: OutlineShape) {
  const diff = diffShapes(before, after);
  if (diff.modules.length) {
    const values = sql.join(diff.modules.map((m) => sql`(${m.id}::uuid, ${m.position}::int)`), sql`, `);
    await tx.execute(sql`update ${courseModules} set position = v.position, updated_at = now() from (values ${values}) as v(id, position) where ${courseModules.id} = v.id`);
  }
  if (diff.lessons.length) {
    const values = sql.join(diff.lessons.map((l) => sql`(${l.lessonId}::uuid, ${l.moduleId}::uuid, ${l.position}::int)`), sql`, `);
    await tx.execute(sql`update ${lessons} set module_id = v.module_id, position = v.position, updated_at = now() from (values ${values}) as v(id, module_id, position) where ${lessons.id} = v.id`);
  }
}

// JSON snapshots carry dates as strings; turn them back before inserting.
const reviveDates = <T extends Record<string, unknown>>(row: T, keys: string[]): T => {
  const out: Record<string, unknown> = { ...row };
  for (const k of keys) if (typeof out[k] === 'string') out[k] = new Date(out[k] as string);
  return out as T;
};

/** Applies one op inside the locked transaction and returns the op that reverses it. */
export async function applyOp(tx: Tx, courseId: string, op: OutlineOp): Promise<OutlineOp> {
  switch (op.type) {
    case 'placeLessons': {
      const before = await loadShape(tx, courseId);
      const ids = op.placements.map((p) => p.lessonId);
      const reverse: OutlineOp = { type: 'placeLessons', placements: placementsOf(before, ids) };
      await writeShape(tx, before, placeLessons(before, op.placements));
      return reverse;
    }
    case 'moveModule': {
      const before = await loadShape(tx, courseId);
      const from = before.modules.findIndex((m) => m.id === op.moduleId);
      const plan = planModuleMove(before, op.moduleId, Math.min(op.toIndex, before.modules.length - 1));
      if (!plan.ok) throw planFailure(plan.reason);
      await writeShape(tx, before, plan.shape);
      return { type: 'moveModule', moduleId: op.moduleId, toIndex: from };
    }
    case 'deleteModule': {
      const before = await loadShape(tx, courseId);
      const index = before.modules.findIndex((m) => m.id === op.moduleId);
      if (index < 0) throw planFailure('NOT_FOUND');
      const [module] = await tx.select().from(courseModules).where(eq(courseModules.id, op.moduleId));
      const rows = await tx.select().from(lessons).where(eq(lessons.moduleId, op.moduleId)).orderBy(asc(lessons.position));
      await tx.delete(courseModules).where(eq(courseModules.id, op.moduleId));
      await densifyModules(tx, courseId);
      return { type: 'restoreModule', module: module!, lessons: rows, index };
    }
    case 'restoreModule': {
      const exists = await tx.query.courseModules.findFirst({ where: eq(courseModules.id, op.module.id), columns: { id: true } });
      if (exists) throw new AppError('CONFLICT', undefined, { messageKey: 'outlineConflict' });
      const [{ n }] = (await tx.select({ n: max(courseModules.position) }).from(courseModules).where(eq(courseModules.courseId, courseId))) as [{ n: number | null }];
      await tx.insert(courseModules).values({ ...reviveDates(op.module, ['createdAt', 'updatedAt']), courseId, position: (n ?? -1) + 1 });
      if (op.lessons.length) await tx.insert(lessons).values(op.lessons.map((l) => ({ ...reviveDates(l, ['createdAt', 'updatedAt', 'dripDate']), courseId, moduleId: op.module.id })));
      const before = await loadShape(tx, courseId);
      const plan = planModuleMove(before, op.module.id, Math.min(op.index, before.modules.length - 1));
      if (plan.ok) await writeShape(tx, before, plan.shape);
      return { type: 'deleteModule', moduleId: op.module.id };
    }
    case 'deleteLessons': {
      const rows = await tx.select().from(lessons).where(and(eq(lessons.courseId, courseId), inArray(lessons.id, op.lessonIds)));
      if (rows.length !== new Set(op.lessonIds).size) throw planFailure('NOT_FOUND');
      await tx.delete(lessons).where(inArray(lessons.id, op.lessonIds));
      await densifyLessons(tx, courseId);
      return { type: 'restoreLessons', lessons: rows };
    }
    case 'restoreLessons': {
      const shape = await loadShape(tx, courseId);
      const moduleIds = new Set(shape.modules.map((m) => m.id));
      const restorable = op.lessons.filter((l) => moduleIds.has(l.moduleId));
      if (!restorable.length) throw new AppError('CONFLICT', undefined, { messageKey: 'outlineNotFound' });
      // Insert past the end, then let the planner put each one back at its old index.
      const [{ top }] = (await tx.select({ top: max(lessons.position) }).from(lessons).where(eq(lessons.courseId, courseId))) as [{ top: number | null }];
      await tx.insert(lessons).values(restorable.map((l, i) => ({ ...reviveDates(l, ['createdAt', 'updatedAt', 'dripDate']), courseId, position: (top ?? 0) + 1 + i })));
      const before = await loadShape(tx, courseId);
      await writeShape(tx, before, placeLessons(before, restorable.map((l) => ({ lessonId: l.id, moduleId: l.moduleId, position: l.position }))));
      return { type: 'deleteLessons', lessonIds: restorable.map((l) => l.id) };
    }
    case 'renameModule': {
      const [old] = await tx.select({ title: courseModules.title }).from(courseModules).where(and(eq(courseModules.id, op.moduleId), eq(courseModules.courseId, courseId)));
      if (!old) throw planFailure('NOT_FOUND');
      await tx.update(courseModules).set({ title: op.title, updatedAt: sql`now()` }).where(eq(courseModules.id, op.moduleId));
      return { type: 'renameModule', moduleId: op.moduleId, title: old.title };
    }
    case 'renameLesson': {
      const [old] = await tx.select({ title: lessons.title }).from(lessons).where(and(eq(lessons.id, op.lessonId), eq(lessons.courseId, courseId)));
      if (!old) throw planFailure('NOT_FOUND');
      await tx.update(lessons).set({ title: op.title, updatedAt: sql`now()` }).where(eq(lessons.id, op.lessonId));
      return { type: 'renameLesson', lessonId: op.lessonId, title: old.title };
    }
  }
}

/** Re-numbers modules 0…n-1 after a delete. */
async function densifyModules(tx: Tx, courseId: string) {
  const rows = await tx.select({ id: courseModules.id, position: courseModules.position }).from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position));
  const changed = rows.flatMap((r, i) => (r.position === i ? [] : [{ id: r.id, position: i }]));
  if (!changed.length) return;
  const values = sql.join(changed.map((m) => sql`(${m.id}::uuid, ${m.position}::int)`), sql`, `);
  await tx.execute(sql`update ${courseModules} set position = v.position from (values ${values}) as v(id, position) where ${courseModules.id} = v.id`);
}

/** Re-numbers lessons 0…n-1 in every module after a delete. */
async function densifyLessons(tx: Tx, courseId: string) {
  const rows = await tx.select({ id: lessons.id, moduleId: lessons.moduleId, position: lessons.position }).from(lessons).where(eq(lessons.courseId, courseId)).orderBy(asc(lessons.moduleId), asc(lessons.position));
  const next = new Map<string, number>();
  const changed: Placement[] = [];
  for (const r of rows) {
    const p = next.get(r.moduleId) ?? 0;
    next.set(r.moduleId, p + 1);
    if (p !== r.position) changed.push({ lessonId: r.id, moduleId: r.moduleId, position: p });
  }
  if (!changed.length) return;
  const values = sql.join(changed.map((l) => sql`(${l.lessonId}::uuid, ${l.position}::int)`), sql`, `);
  await tx.execute(sql`update ${lessons} set position = v.position from (values ${values}) as v(id, position) where ${lessons.id} = v.id`);
}

/**
 * One outline change: editor check, then a transaction that locks the course row, compares the
 * outline version (stale → CONFLICT), runs `fn`, bumps the version, and audits.
 */
async function outlineChange<T>(
  actor: SessionUser,
  courseId: string,
  expectedVersion: number | null,
  action: string,
  meta: Meta,
  fn: (tx: Tx) => Promise<T>,
): Promise<{ version: number; value: T }> {
  await assertCourseRole(actor, courseId, 'editor');
  return db.transaction(async (tx) => {
    const [course] = await tx.select({ version: courses.outlineVersion }).from(courses).where(eq(courses.id, courseId)).for('update');
    if (!course) throw new AppError('NOT_FOUND');
    if (expectedVersion !== null && course.version !== expectedVersion) throw new AppError('CONFLICT', undefined, { messageKey: 'outlineConflict' });
    const value = await fn(tx);
    const [updated] = await tx
      .update(courses)
      .set({ outlineVersion: sql`${courses.outlineVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(courses.id, courseId))
      .returning({ version: courses.outlineVersion });
    await writeAudit(tx, { actorId: actor.id, action: `outline.${action}`, targetType: 'course', targetId: courseId, data: value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined, ...meta });
    return { version: updated!.version, value };
  });
}

/** Records a change for undo; a new change clears this editor's redo stack. */
async function logChange(tx: Tx, actor: SessionUser, courseId: string, kind: string, forward: OutlineOp, inverse: OutlineOp) {
  await tx.delete(outlineChanges).where(and(eq(outlineChanges.courseId, courseId), eq(outlineChanges.actorId, actor.id), isNotNull(outlineChanges.undoneAt)));
  await tx.insert(outlineChanges).values({ courseId, actorId: actor.id, kind, forward, inverse });
}

/** Runs an op and records it for undo. */
async function recordedOp(tx: Tx, actor: SessionUser, courseId: string, kind: string, op: OutlineOp) {
  const inverse = await applyOp(tx, courseId, op);
  await logChange(tx, actor, courseId, kind, op, inverse);
  return inverse;
}

async function result(actor: SessionUser, courseId: string, version: number, createdId?: string): Promise<OutlineChangeResult> {
  const outline = await getCourseOutline(courseId, actor.id);
  return { version, outline: outline!, createdId };
}

// ---- public mutations: each caller (an action) has validated input; roles are checked here ----

export async function createModule(actor: SessionUser, input: { courseId: string; title: string; expectedVersion: number }, meta: Meta) {
  let createdId = '';
  const { version } = await outlineChange(actor, input.courseId, input.expectedVersion, 'module_created', meta, async (tx) => {
    const [{ n }] = (await tx.select({ n: max(courseModules.position) }).from(courseModules).where(eq(courseModules.courseId, input.courseId))) as [{ n: number | null }];
    const [row] = await tx.insert(courseModules).values({ courseId: input.courseId, title: input.title, position: (n ?? -1) + 1 }).returning();
    createdId = row!.id;
    await logChange(tx, actor, input.courseId, 'module_created', { type: 'restoreModule', module: row!, lessons: [], index: row!.position }, { type: 'deleteModule', moduleId: row!.id });
    return { moduleId: row!.id, title: input.title };
  });
  return result(actor, input.courseId, version, createdId);
}

export async function createLesson(actor: SessionUser, input: { courseId: string; moduleId: string; title: string; type: LessonType; expectedVersion: number }, meta: Meta) {
  let createdId = '';
  const { version } = await outlineChange(actor, input.courseId, input.expectedVersion, 'lesson_created', meta, async (tx) => {
    const mod = await tx.query.courseModules.findFirst({ where: and(eq(courseModules.id, input.moduleId), eq(courseModules.courseId, input.courseId)), columns: { id: true } });
    if (!mod) throw planFailure('NOT_FOUND');
    const [{ n }] = (await tx.select({ n: max(lessons.position) }).from(lessons).where(eq(lessons.moduleId, input.moduleId))) as [{ n: number | null }];
    const [row] = await tx.insert(lessons).values({ courseId: input.courseId, moduleId: input.moduleId, title: input.title, type: input.type, position: (n ?? -1) + 1 }).returning();
    createdId = row!.id;
    await logChange(tx, actor, input.courseId, 'lesson_created', { type: 'restoreLessons', lessons: [row!] }, { type: 'deleteLessons', lessonIds: [row!.id] });
    return { lessonId: row!.id, title: input.title, type: input.type };
  });
  return result(actor, input.courseId, version, createdId);
}

/** Titles autosave without a version: a rename never conflicts with another editor's moves. */
export async function renameModule(actor: SessionUser, input: { courseId: string; moduleId: string; title: string }, meta: Meta) {
  const { version } = await outlineChange(actor, input.courseId, null, 'module_renamed', meta, async (tx) => {
    await recordedOp(tx, actor, input.courseId, 'module_renamed', { type: 'renameModule', moduleId: input.moduleId, title: input.title });
    return { moduleId: input.moduleId, title: input.title };
  });
  return result(actor, input.courseId, version);
}

export async function renameLesson(actor: SessionUser, input: { courseId: string; lessonId: string; title: string }, meta: Meta) {
  const { version } = await outlineChange(actor, input.courseId, null, 'lesson_renamed', meta, async (tx) => {
    await recordedOp(tx, actor, input.courseId, 'lesson_renamed', { type: 'renameLesson', lessonId: input.lessonId, title: input.title });
    return { lessonId: input.lessonId, title: input.title };
  });
  return result(actor, input.courseId, version);
}

export async function deleteModule(actor: SessionUser, input: { courseId: string; moduleId: string; expectedVersion: number }, meta: Meta) {
  const { version } = await outlineChange(actor, input.courseId, input.expectedVersion, 'module_deleted', meta, async (tx) => {
    await recordedOp(tx, actor, input.courseId, 'module_deleted', { type: 'deleteModule', moduleId: input.moduleId });
    return { moduleId: input.moduleId };
  });
  return result(actor, input.courseId, version);
}

export async function deleteLessons(actor: SessionUser, input: { courseId: string; lessonIds: string[]; expectedVersion: number }, meta: Meta) {
  const { version } = await outlineChange(actor, input.courseId, input.expectedVersion, 'lessons_deleted', meta, async (tx) => {
    await recordedOp(tx, actor, input.courseId, 'lessons_deleted', { type: 'deleteLessons', lessonIds: [...new Set(input.lessonIds)] });
    return { lessonIds: input.lessonIds };
  });
  // Homework threads went with the lessons (cascade); their files are one prefix per lesson.
  await deleteLessonAttachments(input.courseId, [...new Set(input.lessonIds)]);
  return result(actor, input.courseId, version);
}

export async function moveModule(actor: SessionUser, input: { courseId: string; moduleId: string; toIndex: number; expectedVersion: number }, meta: Meta) {
  const { version } = await outlineChange(actor, input.courseId, input.expectedVersion, 'module_moved', meta, async (tx) => {
    const before = await loadShape(tx, input.courseId);
    const plan = planModuleMove(before, input.moduleId, input.toIndex);
    if (!plan.ok) throw planFailure(plan.reason);
    const from = before.modules.findIndex((m) => m.id === input.moduleId);
    await writeShape(tx, before, plan.shape);
    await logChange(tx, actor, input.courseId, 'module_moved', { type: 'moveModule', moduleId: input.moduleId, toIndex: input.toIndex }, { type: 'moveModule', moduleId: input.moduleId, toIndex: from });
    return { moduleId: input.moduleId, from, to: input.toIndex };
  });
  return { version };
}

/** The hot path of the builder: one shape read, one planned diff, one UPDATE, one log row. */
export async function moveLessons(actor: SessionUser, input: { courseId: string; lessonIds: string[]; toModuleId: string; toIndex: number; expectedVersion: number }, meta: Meta) {
  const { version } = await outlineChange(actor, input.courseId, input.expectedVersion, 'lessons_moved', meta, async (tx) => {
    const before = await loadShape(tx, input.courseId);
    const plan = planLessonMove(before, input.lessonIds, input.toModuleId, input.toIndex);
    if (!plan.ok) throw planFailure(plan.reason);
    await writeShape(tx, before, plan.shape);
    const target = plan.shape.modules.find((m) => m.id === input.toModuleId)!;
    await logChange(tx, actor, input.courseId, 'lessons_moved', { type: 'placeLessons', placements: placementsOf(plan.shape, input.lessonIds) }, { type: 'placeLessons', placements: placementsOf(before, input.lessonIds) });
    return { lessonIds: input.lessonIds, toModuleId: input.toModuleId, toIndex: input.toIndex, ofCount: target.lessonIds.length };
  });
  return { version };
}

/** Undo (or redo) this editor's latest change, whatever others did meanwhile. */
export async function undoOrRedo(actor: SessionUser, input: { courseId: string; expectedVersion: number }, direction: 'undo' | 'redo', meta: Meta) {
  const { version } = await outlineChange(actor, input.courseId, input.expectedVersion, direction, meta, async (tx) => {
    const mine = and(eq(outlineChanges.courseId, input.courseId), eq(outlineChanges.actorId, actor.id));
    const [change] = await tx
      .select()
      .from(outlineChanges)
      .where(and(mine, direction === 'undo' ? isNull(outlineChanges.undoneAt) : isNotNull(outlineChanges.undoneAt)))
      .orderBy(direction === 'undo' ? desc(outlineChanges.id) : asc(outlineChanges.id))
      .limit(1)
      .for('update');
    if (!change) throw new AppError('NOT_FOUND', undefined, { messageKey: direction === 'undo' ? 'nothingToUndo' : 'nothingToRedo' });
    if (direction === 'undo') {
      const redoOp = await applyOp(tx, input.courseId, change.inverse as OutlineOp);
      await tx.update(outlineChanges).set({ forward: redoOp, undoneAt: sql`now()` }).where(eq(outlineChanges.id, change.id));
    } else {
      const undoOp = await applyOp(tx, input.courseId, change.forward as OutlineOp);
      await tx.update(outlineChanges).set({ inverse: undoOp, undoneAt: null }).where(eq(outlineChanges.id, change.id));
    }
    return { changeId: change.id, kind: change.kind };
  });
  return result(actor, input.courseId, version);
}
