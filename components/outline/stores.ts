'use client';

// Small external stores read with useSyncExternalStore and per-row selectors, so a drag-over or a
// checkbox re-renders only the modules and rows whose selected value changed, not the whole tree.
import { useSyncExternalStore } from 'react';
import type { Slot } from './drag-logic';

export type Store<T> = { get: () => T; set: (next: T) => void; subscribe: (listener: () => void) => () => void };

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next) => {
      if (Object.is(next, value)) return;
      value = next;
      for (const l of listeners) l();
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export function useStoreSelector<T, S>(store: Store<T>, select: (value: T) => S): S {
  const get = () => select(store.get());
  return useSyncExternalStore(store.subscribe, get, get);
}

/** A drag in progress. Lesson drags carry per-module preview lists for the modules they touched. */
export type DragState =
  | {
      kind: 'lesson';
      activeId: string;
      /** Lessons that move together (outline order), the dragged one included. */
      movingIds: string[];
      /** Lesson ids per touched module: without the other moving lessons, with the dragged one where it is now. */
      lists: ReadonlyMap<string, readonly string[]>;
      slot: Slot;
    }
  | { kind: 'module'; activeId: string }
  | null;

export type SelectionState = { ids: ReadonlySet<string>; anchor: string | null };
export const emptySelection: SelectionState = { ids: new Set(), anchor: null };

const noList = null;
export const useModulePreview = (drag: Store<DragState>, moduleId: string) =>
  useStoreSelector(drag, (d) => (d?.kind === 'lesson' ? (d.lists.get(moduleId) ?? noList) : noList));
export const useIsSelected = (selection: Store<SelectionState>, lessonId: string) => useStoreSelector(selection, (s) => s.ids.has(lessonId));
