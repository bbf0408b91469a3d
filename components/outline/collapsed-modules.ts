'use client';

import { useCallback, useSyncExternalStore } from 'react';

// Which modules an author folded, per course, kept in this browser's localStorage. The server
// render shows every module open; the stored state applies right after hydration.
const storageKey = (courseId: string) => `lectern:outline-collapsed:${courseId}`;
const none: ReadonlySet<string> = new Set();
const cache = new Map<string, ReadonlySet<string>>();
const listeners = new Set<() => void>();

function read(courseId: string): ReadonlySet<string> {
  const hit = cache.get(courseId);
  if (hit) return hit;
  let ids: ReadonlySet<string> = none;
  try {
    const raw = JSON.parse(window.localStorage.getItem(storageKey(courseId)) ?? '[]') as unknown;
    if (Array.isArray(raw)) ids = new Set(raw.filter((x): x is string => typeof x === 'string'));
  } catch {
    /* unreadable or blocked storage: everything open */
  }
  cache.set(courseId, ids);
  return ids;
}

function write(courseId: string, ids: ReadonlySet<string>) {
  cache.set(courseId, ids);
  try {
    if (ids.size) window.localStorage.setItem(storageKey(courseId), JSON.stringify([...ids]));
    else window.localStorage.removeItem(storageKey(courseId));
  } catch {
    /* storage full or blocked: the state still holds for this page */
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith('lectern:outline-collapsed:')) {
      cache.clear();
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The folded module ids of a course, and a setter that stores them. */
export function useCollapsedModules(courseId: string) {
  const ids = useSyncExternalStore(
    subscribe,
    () => read(courseId),
    () => none,
  );
  const setCollapsed = useCallback(
    (update: (prev: ReadonlySet<string>) => ReadonlySet<string>) => {
      const next = update(read(courseId));
      if (next !== read(courseId)) write(courseId, next);
    },
    [courseId],
  );
  return [ids, setCollapsed] as const;
}
