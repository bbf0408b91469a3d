'use client';

import { useDraggable } from '@dnd-kit/core';
import { useLayoutEffect } from 'react';
import { LESSON_DRAG_ID, type OutlineDndData, type SourceActivator } from './use-outline-dnd';

const data: OutlineDndData = { type: 'lesson' };

/**
 * The one dnd-kit draggable behind every lesson handle. A handle's pointerdown or Space/Enter
 * points this draggable at its row (node and activator) and passes the event to dnd-kit's sensor
 * activators, exactly as the handle's own listeners would. Only this component re-renders when
 * dnd-kit's drag state changes, instead of 2,000 rows.
 */
export function LessonDragSource({ bind }: { bind: (activate: SourceActivator | null) => void }) {
  const { setNodeRef, setActivatorNodeRef, listeners } = useDraggable({ id: LESSON_DRAG_ID, data });
  useLayoutEffect(() => {
    bind((event) => {
      const handle = event.currentTarget;
      const row = handle.closest<HTMLElement>('[data-lesson-row]');
      const listener = listeners?.[event.type === 'keydown' ? 'onKeyDown' : 'onPointerDown'];
      if (!row || !listener) return;
      setNodeRef(row);
      setActivatorNodeRef(handle);
      listener(event);
    });
    return () => bind(null);
  }, [bind, listeners, setNodeRef, setActivatorNodeRef]);
  return null;
}
