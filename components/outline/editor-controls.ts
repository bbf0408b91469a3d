import type { KeyboardEvent, MouseEvent, PointerEvent } from 'react';
import type { OutlineLesson } from '@/lib/outline/dto';
import type { DragState, SelectionState, Store } from './stores';
import type { OutlineActions } from './use-outline-editor';

/** One stable object handed to every module and lesson row, so their memoized props never change identity. */
export type EditorControls = {
  courseId: string;
  drag: Store<DragState>;
  selection: Store<SelectionState>;
  actions: OutlineActions;
  getLesson: (id: string) => OutlineLesson | undefined;
  toggleSelect: (lessonId: string, range: boolean) => void;
  openMoveDialog: (lessonIds: string[]) => void;
  toggleCollapsed: (moduleId: string) => void;
  /** Client-side navigation for plain links (ordinary clicks only; modified clicks keep the browser's behaviour). */
  navigate: (event: MouseEvent<HTMLAnchorElement>) => void;
  /** Hands a drag handle's pointerdown or keydown to the shared lesson draggable. */
  startLessonDrag: (event: PointerEvent<HTMLElement> | KeyboardEvent<HTMLElement>, lessonId: string) => void;
};
