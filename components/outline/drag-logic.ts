// Pure drag-and-drop arithmetic for the outline editor (no React, no DOM): where a dragged lesson
// goes for a pointer position or an arrow key, and what the screen reader hears.
// Positions follow the planner's convention: `index` counts lessons of the target module with the
// moving lessons taken out, so 0…length is valid.

export type Slot = { moduleId: string; index: number };
/** A module as the drag sees it: its lesson ids without the moving ones, and whether it is folded. */
export type DragModule = { id: string; lessonIds: readonly string[]; collapsed: boolean };

/** Where the next arrow key puts the dragged lesson, stepping through every slot of every module; null at either end. */
export function keyboardSlot(direction: 'up' | 'down', from: Slot, modules: readonly DragModule[]): Slot | null {
  const at = modules.findIndex((m) => m.id === from.moduleId);
  if (at < 0) return null;
  const m = modules[at]!;
  if (direction === 'down') {
    if (!m.collapsed && from.index < m.lessonIds.length) return { moduleId: m.id, index: from.index + 1 };
    const next = modules[at + 1];
    // A folded module is one stop: the lesson goes to its end, as a drop on its header does.
    return next ? { moduleId: next.id, index: next.collapsed ? next.lessonIds.length : 0 } : null;
  }
  if (!m.collapsed && from.index > 0) return { moduleId: m.id, index: from.index - 1 };
  const prev = modules[at - 1];
  return prev ? { moduleId: prev.id, index: prev.lessonIds.length } : null;
}

export type Box = { top: number; height: number };
export type PointerOver =
  | { type: 'lesson'; lessonId: string; moduleId: string; rect: Box }
  | {
      type: 'container';
      moduleId: string;
      rect: Box;
      /** Top of the module's first lesson row and bottom of its last, when it shows any. */
      lessonsTop?: number;
      lessonsBottom?: number;
    };

/**
 * Where the dragged lesson goes when the pointer is over a lesson row or a module's card.
 * `centerY` is the vertical centre of the dragged item. Null means "stay where it is".
 */
export function pointerSlot(over: PointerOver, centerY: number, activeId: string, module: DragModule): Slot | null {
  if (over.type === 'lesson') {
    if (over.lessonId === activeId) return null;
    const i = module.lessonIds.indexOf(over.lessonId);
    if (i < 0) return null;
    return { moduleId: module.id, index: centerY > over.rect.top + over.rect.height / 2 ? i + 1 : i };
  }
  const n = module.lessonIds.length;
  if (module.collapsed || n === 0) return { moduleId: module.id, index: n };
  // Over the card but not over a row: the header means "first", the footer "last"; a gap
  // between rows means nothing (the rows themselves decide).
  if (over.lessonsTop !== undefined && centerY < over.lessonsTop) return { moduleId: module.id, index: 0 };
  if (over.lessonsBottom !== undefined && centerY > over.lessonsBottom) return { moduleId: module.id, index: n };
  if (over.lessonsTop === undefined) return { moduleId: module.id, index: centerY < over.rect.top + over.rect.height / 2 ? 0 : n };
  return null;
}

/** Puts `activeId` at `slot` in the per-module lists; returns only the lists that changed. */
export function placeActive(lists: ReadonlyMap<string, readonly string[]>, activeId: string, from: Slot, to: Slot): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const source = lists.get(from.moduleId)!.filter((id) => id !== activeId);
  out.set(from.moduleId, source);
  const target = to.moduleId === from.moduleId ? source : [...lists.get(to.moduleId)!];
  target.splice(Math.min(to.index, target.length), 0, activeId);
  out.set(to.moduleId, target);
  return out;
}

/** Moving lessons in outline order: the whole selection when the dragged lesson is part of it. */
export function movingLessonIds(activeId: string, selected: ReadonlySet<string>, outlineOrder: readonly string[]): string[] {
  if (!selected.has(activeId) || selected.size < 2) return [activeId];
  return outlineOrder.filter((id) => selected.has(id));
}

/** Ids between two lessons (inclusive) in outline order, for Shift+click selection. */
export function rangeBetween(a: string, b: string, outlineOrder: readonly string[]): string[] {
  const i = outlineOrder.indexOf(a);
  const j = outlineOrder.indexOf(b);
  if (i < 0 || j < 0) return [b];
  return outlineOrder.slice(Math.min(i, j), Math.max(i, j) + 1);
}

// ---- announcements ----

type Translate = (key: string, values?: Record<string, string | number>) => string;

export type LessonPlace = { title: string; extra: number; moduleTitle: string; index: number; count: number };

/** "Lesson Intro moved to module Basics, position 3 of 7." — `extra` counts other selected lessons moving along. */
export function lessonPlaceText(t: Translate, key: 'lessonOver' | 'lessonDropped' | 'lessonPickedUp', p: LessonPlace): string {
  return t(`announce.${key}`, { title: p.title, extra: p.extra, module: p.moduleTitle, position: p.index + 1, count: p.count });
}

export function modulePlaceText(t: Translate, key: 'moduleOver' | 'moduleDropped' | 'modulePickedUp', p: { title: string; index: number; count: number }): string {
  return t(`announce.${key}`, { title: p.title, position: p.index + 1, count: p.count });
}
