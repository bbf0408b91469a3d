'use client';

import {
  closestCenter,
  KeyboardCode,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DndContextProps,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type DroppableContainer,
  type DroppableContainers,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useTranslations } from 'next-intl';
import { useLayoutEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { flushSync } from 'react-dom';
import type { CourseOutline } from '@/lib/outline/dto';
import { keyboardSlot, lessonPlaceText, modulePlaceText, movingLessonIds, placeActive, pointerSlot, type DragModule, type PointerOver, type Slot } from './drag-logic';
import type { DragState, SelectionState, Store } from './stores';
import type { OutlineActions } from './use-outline-editor';

/** Data attached to the outline's draggables: the shared lesson draggable and each module. */
export type OutlineDndData = { type: 'lesson' } | { type: 'module'; moduleId: string };

/** DndContext id; dnd-kit also uses it as the id of its hidden drag instructions (aria-describedby). */
export const DND_ID = 'course-outline';
/** The one draggable every lesson handle activates (see LessonDragSource). */
export const LESSON_DRAG_ID = 'lesson';
export const moduleDndId = (id: string) => `m:${id}`;

export type SourceActivator = (event: PointerEvent<HTMLElement> | KeyboardEvent<HTMLElement>) => void;

declare global {
  interface Window {
    /** Time from the last drop to the next animation frame after the optimistic state was committed (read by bench/outline.ts). */
    __lecternLastDropMs?: number;
    __lecternDrops?: number;
  }
}

const dataOf = (c: DroppableContainer | undefined) => c?.data.current as OutlineDndData | undefined;
const sameSlot = (a: Slot, b: Slot) => a.moduleId === b.moduleId && a.index === b.index;

type Args = {
  outline: CourseOutline;
  collapsed: ReadonlySet<string>;
  drag: Store<DragState>;
  selection: Store<SelectionState>;
  actions: OutlineActions;
};

/**
 * Everything DndContext needs for the outline.
 *
 * Lessons: one shared draggable (no hook per row: with 2,000 rows, per-row sortables cost a
 * droppable measurement each at drag start and a re-render of every row on every drag change).
 * While dragging, the lesson moves "live" in per-module preview lists (an external store), so only
 * the source and target modules re-render, and the drop commits where it already is. The pointer's
 * module and slot come from the DOM under it; the keyboard steps one outline slot per arrow key
 * (folded and empty modules included), computed from the outline rather than from geometry.
 *
 * Modules: dnd-kit sortables with its standard transforms and sortableKeyboardCoordinates.
 */
export function useOutlineDnd({ outline, collapsed, drag, selection, actions }: Args) {
  const t = useTranslations('outline');
  const state = useRef({ outline, collapsed });
  useLayoutEffect(() => {
    state.current = { outline, collapsed };
  }, [outline, collapsed]);

  // Per-drag bookkeeping that never needs a render.
  const session = useRef({ keyboard: false, keyboardOver: null as string | null, announced: '', dropText: '' });
  // The lesson whose handle was pressed last, and the shared draggable's activator.
  const candidate = useRef<string | null>(null);
  const source = useRef<SourceActivator | null>(null);

  const idsByModule = useMemo(() => new Map(outline.modules.map((m) => [m.id, m.lessons.map((l) => l.id)])), [outline]);
  const idsRef = useRef(idsByModule);
  useLayoutEffect(() => {
    idsRef.current = idsByModule;
  }, [idsByModule]);

  return useMemo(() => {
    const listOf = (d: Extract<DragState, { kind: 'lesson' }>, moduleId: string) => d.lists.get(moduleId) ?? idsRef.current.get(moduleId) ?? [];
    const dragModule = (d: Extract<DragState, { kind: 'lesson' }>, moduleId: string): DragModule => ({
      id: moduleId,
      lessonIds: listOf(d, moduleId).filter((id) => id !== d.activeId),
      collapsed: state.current.collapsed.has(moduleId),
    });
    const moveTo = (d: Extract<DragState, { kind: 'lesson' }>, slot: Slot) => {
      const lists = new Map(d.lists);
      lists.set(d.slot.moduleId, listOf(d, d.slot.moduleId));
      lists.set(slot.moduleId, listOf(d, slot.moduleId));
      for (const [id, list] of placeActive(lists, d.activeId, d.slot, slot)) lists.set(id, list);
      drag.set({ ...d, lists, slot });
    };
    const titleOfLesson = (id: string) => {
      for (const m of state.current.outline.modules) for (const l of m.lessons) if (l.id === id) return l.title;
      return '';
    };
    const lessonPlace = (d: Extract<DragState, { kind: 'lesson' }>) => {
      const m = state.current.outline.modules.find((x) => x.id === d.slot.moduleId);
      return { title: titleOfLesson(d.activeId), extra: d.movingIds.length - 1, moduleTitle: m?.title ?? '', index: d.slot.index, count: dragModule(d, d.slot.moduleId).lessonIds.length + d.movingIds.length };
    };
    const moduleIds = () => state.current.outline.modules.map((m) => moduleDndId(m.id));
    const moduleText = (key: 'moduleOver' | 'moduleDropped' | 'modulePickedUp', moduleId: string, overDndId: string | null) => {
      const ids = moduleIds();
      const index = ids.indexOf(overDndId ?? moduleDndId(moduleId));
      return modulePlaceText(t, key, { title: state.current.outline.modules.find((m) => m.id === moduleId)?.title ?? '', index: Math.max(0, index), count: ids.length });
    };

    // ---- keyboard: one slot per arrow key, computed from the outline ----
    const coordinateGetter: KeyboardCoordinateGetter = (event, args) => {
      const d = drag.get();
      const direction = event.code === KeyboardCode.Down ? 'down' : event.code === KeyboardCode.Up ? 'up' : null;
      if (!d || !direction) {
        if (event.code === KeyboardCode.Left || event.code === KeyboardCode.Right) event.preventDefault();
        return undefined;
      }
      event.preventDefault();
      if (d.kind === 'module') {
        const ids = moduleIds();
        const from = ids.indexOf(session.current.keyboardOver ?? moduleDndId(d.activeId));
        const to = from + (direction === 'down' ? 1 : -1);
        if (from < 0 || to < 0 || to >= ids.length) return undefined;
        session.current.keyboardOver = ids[to]!;
        // dnd-kit's own sortable arithmetic, pointed at the one module we chose.
        const map = args.context.droppableContainers;
        const target = map.get(ids[to]!);
        const only = { getEnabled: () => (target ? [target] : []), get: (id: string) => map.get(id) } as unknown as DroppableContainers;
        const coords = sortableKeyboardCoordinates(event, { ...args, context: { ...args.context, droppableContainers: only } });
        const rect = target ? args.context.droppableRects.get(target.id) : undefined;
        return coords ?? (rect ? { x: args.currentCoordinates.x, y: rect.top } : undefined);
      }
      const slot = keyboardSlot(direction, d.slot, state.current.outline.modules.map((m) => dragModule(d, m.id)));
      if (!slot) return undefined;
      // Render the new place now, then point the overlay at it.
      flushSync(() => moveTo(d, slot));
      const node = document.querySelector(`[data-lesson-row="${d.activeId}"]`);
      const top = node?.getBoundingClientRect().top;
      return top === undefined ? undefined : { x: args.currentCoordinates.x, y: top };
    };

    // ---- collisions: only modules use dnd-kit's; lessons find their place in onDragMove ----
    const collisionDetection: CollisionDetection = (args) => {
      const d = drag.get();
      if (d?.kind !== 'module') return [];
      if (session.current.keyboard) return session.current.keyboardOver ? [{ id: session.current.keyboardOver }] : [];
      const modules = args.droppableContainers.filter((c) => dataOf(c)?.type === 'module');
      const hits = pointerWithin({ ...args, droppableContainers: modules });
      return hits.length ? hits : closestCenter({ ...args, droppableContainers: modules });
    };

    const onDragStart = ({ active, activatorEvent }: DragStartEvent) => {
      const data = active.data.current as OutlineDndData | undefined;
      session.current = { keyboard: activatorEvent instanceof KeyboardEvent, keyboardOver: null, announced: '', dropText: '' };
      if (data?.type === 'module') {
        session.current.keyboardOver = moduleDndId(data.moduleId);
        session.current.announced = session.current.keyboardOver;
        drag.set({ kind: 'module', activeId: data.moduleId });
        return;
      }
      const lessonId = candidate.current;
      if (data?.type !== 'lesson' || !lessonId) return;
      const o = state.current.outline;
      const order = o.modules.flatMap((m) => m.lessons.map((l) => l.id));
      const movingIds = movingLessonIds(lessonId, selection.get().ids, order);
      const others = new Set(movingIds.filter((id) => id !== lessonId));
      const lists = new Map<string, string[]>();
      let slot: Slot | null = null;
      for (const m of o.modules) {
        const ids = idsRef.current.get(m.id) ?? [];
        if (!ids.includes(lessonId) && !ids.some((id) => others.has(id))) continue;
        const list = ids.filter((id) => !others.has(id));
        lists.set(m.id, list);
        if (list.includes(lessonId)) slot = { moduleId: m.id, index: list.indexOf(lessonId) };
      }
      if (!slot) return;
      session.current.announced = `${slot.moduleId}:${slot.index}`;
      drag.set({ kind: 'lesson', activeId: lessonId, movingIds, lists, slot });
    };

    const onDragMove = ({ active }: DragMoveEvent) => {
      const d = drag.get();
      const moving = active.rect.current.translated;
      if (d?.kind !== 'lesson' || session.current.keyboard || !moving) return;
      const x = moving.left + moving.width / 2;
      const centerY = moving.top + moving.height / 2;
      // What is under the dragged lesson: a module card, and maybe one of its rows.
      let card: HTMLElement | null = null;
      for (const el of document.elementsFromPoint(x, centerY)) {
        card = (el as HTMLElement).closest<HTMLElement>('[data-module-id]');
        if (card) break;
      }
      const moduleId = card?.dataset.moduleId;
      if (!card || !moduleId) return;
      const list = card.querySelector<HTMLElement>('[data-module-lessons]');
      let over: PointerOver | null = null;
      for (const li of list?.children ?? []) {
        const r = li.getBoundingClientRect();
        if (centerY >= r.top && centerY < r.bottom) {
          over = { type: 'lesson', lessonId: (li as HTMLElement).dataset.lessonRow ?? '', moduleId, rect: { top: r.top, height: r.height } };
          break;
        }
      }
      if (!over) {
        const c = card.getBoundingClientRect();
        const l = list?.getBoundingClientRect();
        over = { type: 'container', moduleId, rect: { top: c.top, height: c.height }, ...(l && l.height > 0 ? { lessonsTop: l.top, lessonsBottom: l.bottom } : {}) };
      }
      const slot = pointerSlot(over, centerY, d.activeId, dragModule(d, moduleId));
      if (slot && !sameSlot(slot, d.slot)) moveTo(d, slot);
    };

    const finish = (t0: number, commit: () => void) => {
      flushSync(() => {
        commit();
        drag.set(null);
      });
      requestAnimationFrame(() => {
        window.__lecternLastDropMs = performance.now() - t0;
        window.__lecternDrops = (window.__lecternDrops ?? 0) + 1;
      });
    };

    const onDragEnd = ({ over }: DragEndEvent) => {
      const t0 = performance.now();
      const d = drag.get();
      if (d?.kind === 'lesson') {
        session.current.dropText = lessonPlaceText(t, 'lessonDropped', lessonPlace(d));
        const title = titleOfLesson(d.activeId);
        const { moduleId, index } = d.slot;
        finish(t0, () => {
          const sent = actions.moveLessons(d.movingIds, moduleId, index);
          void sent?.then((r) => r && actions.announce(r.ok ? t('live.moveSaved', { title }) : t('live.moveFailed', { title, message: r.error.message })));
        });
        // Focus follows the lesson (its row may have been re-created in another module); when it
        // went into a folded module and is no longer shown, the module's toggle takes focus.
        const activeId = d.activeId;
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const target =
              document.querySelector<HTMLElement>(`[data-lesson-row="${activeId}"] [data-drag-handle]`) ?? document.querySelector<HTMLElement>(`[data-module-toggle="${moduleId}"]`);
            if (session.current.keyboard || document.activeElement === document.body) target?.focus();
          }),
        );
      } else if (d?.kind === 'module') {
        const ids = moduleIds();
        const overId = session.current.keyboard ? session.current.keyboardOver : ((over?.id as string | undefined) ?? null);
        const toIndex = overId ? ids.indexOf(overId) : -1;
        session.current.dropText = moduleText('moduleDropped', d.activeId, toIndex >= 0 ? overId : null);
        const title = state.current.outline.modules.find((m) => m.id === d.activeId)?.title ?? '';
        finish(t0, () => {
          const sent = toIndex >= 0 ? actions.moveModule(d.activeId, toIndex) : null;
          void sent?.then((r) => r && actions.announce(r.ok ? t('live.moduleMoveSaved', { title }) : t('live.moveFailed', { title, message: r.error.message })));
        });
      }
    };

    const onDragCancel = () => {
      const d = drag.get();
      drag.set(null);
      if (d?.kind === 'lesson') requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-lesson-row="${d.activeId}"] [data-drag-handle]`)?.focus());
    };

    /** Called from a lesson row's handle: point the shared draggable at that row, then let dnd-kit's sensors decide. */
    const startLessonDrag = (event: PointerEvent<HTMLElement> | KeyboardEvent<HTMLElement>, lessonId: string) => {
      if (drag.get()) return;
      if ('key' in event && event.key !== ' ' && event.key !== 'Enter') return;
      candidate.current = lessonId;
      source.current?.(event);
    };
    const bindSource = (activate: SourceActivator | null) => {
      source.current = activate;
    };

    const positionText = (overId: string | null) => {
      const d = drag.get();
      if (!d) return undefined;
      if (d.kind === 'lesson') {
        const key = `${d.slot.moduleId}:${d.slot.index}`;
        if (key === session.current.announced) return undefined;
        session.current.announced = key;
        return lessonPlaceText(t, 'lessonOver', lessonPlace(d));
      }
      const id = session.current.keyboard ? session.current.keyboardOver : overId;
      if (!id || id === session.current.announced) return undefined;
      session.current.announced = id;
      return moduleText('moduleOver', d.activeId, id);
    };

    const announcements: Announcements = {
      onDragStart: () => {
        const d = drag.get();
        if (d?.kind === 'lesson') return lessonPlaceText(t, 'lessonPickedUp', lessonPlace(d));
        if (d?.kind === 'module') return moduleText('modulePickedUp', d.activeId, null);
        return undefined;
      },
      onDragMove: ({ over }) => positionText((over?.id as string | undefined) ?? null),
      onDragOver: ({ over }) => positionText((over?.id as string | undefined) ?? null),
      onDragEnd: () => session.current.dropText || undefined,
      onDragCancel: () => t('announce.cancelled'),
    };

    const props: Partial<DndContextProps> = {
      collisionDetection,
      onDragStart,
      onDragMove,
      onDragEnd,
      onDragCancel,
      accessibility: { announcements, screenReaderInstructions: { draggable: t('announce.instructions') } },
    };
    return { props, coordinateGetter, startLessonDrag, bindSource };
  }, [actions, drag, selection, t]);
}

/** Pointer (mouse, pen, touch) and keyboard sensors; the keyboard moves one outline slot per arrow key. */
export function useOutlineSensors(coordinateGetter: KeyboardCoordinateGetter) {
  const keyboardOptions = useMemo(() => ({ coordinateGetter, scrollBehavior: 'auto' as ScrollBehavior }), [coordinateGetter]);
  const pointerOptions = useMemo(() => ({ activationConstraint: { distance: 4 } }), []);
  return useSensors(useSensor(PointerSensor, pointerOptions), useSensor(KeyboardSensor, keyboardOptions));
}
