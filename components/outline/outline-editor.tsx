'use client';

import { DndContext, DragOverlay } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import type { CourseOutline } from '@/lib/outline/dto';
import { useCollapsedModules } from './collapsed-modules';
import { CreateModuleForm } from './create-forms';
import { rangeBetween } from './drag-logic';
import type { EditorControls } from './editor-controls';
import { LessonDragSource } from './lesson-drag-source';
import { LessonDragPreview } from './lesson-row';
import { ModuleDragPreview, ModuleItem } from './module-item';
import { MoveDialog } from './move-dialog';
import { OutlineToolbar } from './outline-toolbar';
import { createStore, emptySelection, useStoreSelector, type DragState, type SelectionState, type Store } from './stores';
import { DND_ID, moduleDndId, useOutlineDnd, useOutlineSensors } from './use-outline-dnd';
import './outline.css';
import { useOutlineEditor } from './use-outline-editor';

const noSubscribe = () => () => {};

/** Text inputs keep Ctrl+Z for their own text; everywhere else it undoes outline changes. */
const isTextEntry = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(el.type)));

/** The course builder: modules and lessons with drag and drop, keyboard moves, selection, undo/redo and autosaved titles. */
export function OutlineEditor({ outline: serverOutline }: { outline: CourseOutline }) {
  const t = useTranslations('outline');
  const router = useRouter();
  const { outline, pendingCount, actions, liveMessage } = useOutlineEditor(serverOutline);
  const courseId = outline.courseId;
  const [collapsed, setCollapsed] = useCollapsedModules(courseId);
  const [drag] = useState(() => createStore<DragState>(null));
  const [selection] = useState(() => createStore<SelectionState>(emptySelection));
  const [moveIds, setMoveIds] = useState<string[] | null>(null);
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );

  const lessonMap = useMemo(() => new Map(outline.modules.flatMap((m) => m.lessons.map((l) => [l.id, l] as const))), [outline.modules]);
  const order = useMemo(() => outline.modules.flatMap((m) => m.lessons.map((l) => l.id)), [outline.modules]);
  const latest = useRef({ lessonMap, order, outline });
  useLayoutEffect(() => {
    latest.current = { lessonMap, order, outline };
  }, [lessonMap, order, outline]);

  const dnd = useOutlineDnd({ outline, collapsed, drag, selection, actions });
  const { startLessonDrag } = dnd;
  const ctl = useMemo<EditorControls>(
    () => ({
      courseId,
      drag,
      selection,
      actions,
      getLesson: (id) => latest.current.lessonMap.get(id),
      toggleSelect: (id, range) => {
        const s = selection.get();
        const ids = new Set(s.ids);
        if (range && s.anchor) for (const x of rangeBetween(s.anchor, id, latest.current.order)) ids.add(x);
        else if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        selection.set({ ids, anchor: id });
      },
      openMoveDialog: setMoveIds,
      toggleCollapsed: (id) =>
        setCollapsed((prev) => {
          const next = new Set(prev);
          if (!next.delete(id)) next.add(id);
          return next;
        }),
      startLessonDrag,
      navigate: (e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        router.push(e.currentTarget.getAttribute('href')!);
      },
    }),
    [courseId, drag, selection, actions, setCollapsed, startLessonDrag, router],
  );

  const selectedSet = useStoreSelector(selection, (s) => s.ids);
  const selectedIds = useMemo(() => (selectedSet.size ? order.filter((id) => selectedSet.has(id)) : []), [order, selectedSet]);

  const sensors = useOutlineSensors(dnd.coordinateGetter);
  const moduleIds = useMemo(() => outline.modules.map((m) => moduleDndId(m.id)), [outline.modules]);

  // Undo / redo shortcuts, unless a text field wants them or a drag is under way.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextEntry(e.target) || drag.get() || document.querySelector('dialog[open]')) return;
      const key = e.key.toLowerCase();
      const redo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
      if (key !== 'z' && !redo) return;
      e.preventDefault();
      const { canUndo, canRedo } = latest.current.outline;
      if (redo && canRedo) void actions.redo();
      else if (!redo && canUndo) void actions.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, drag]);

  const count = outline.modules.length;
  return (
    <div data-testid="outline-editor" data-ready={hydrated || undefined} data-version={outline.version}>
      <OutlineToolbar
        ctl={ctl}
        canUndo={outline.canUndo}
        canRedo={outline.canRedo}
        saving={pendingCount > 0}
        selectedIds={selectedIds}
        hasModules={count > 0}
        onCollapseAll={() => setCollapsed(() => new Set(outline.modules.map((m) => m.id)))}
        onExpandAll={() => setCollapsed(() => new Set())}
      />
      <p role="status" aria-live="polite" className="sr-only" data-testid="outline-live">
        {liveMessage}
      </p>
      {count === 0 ? (
        <div className="mb-4">
          <EmptyState title={t('empty.title')} description={t('empty.description')} />
        </div>
      ) : (
        <DndContext id={DND_ID} sensors={sensors} {...dnd.props}>
          <LessonDragSource bind={dnd.bindSource} />
          <SortableContext id="modules" items={moduleIds} strategy={verticalListSortingStrategy}>
            <ol className="mb-4 space-y-3" aria-label={t('modulesLabel')}>
              {outline.modules.map((m, i) => (
                <ModuleItem key={m.id} module={m} index={i} count={count} isCollapsed={collapsed.has(m.id)} ctl={ctl} />
              ))}
            </ol>
          </SortableContext>
          <DragOverlay dropAnimation={null}>
            <DragPreview drag={drag} outline={outline} />
          </DragOverlay>
        </DndContext>
      )}
      <CreateModuleForm ctl={ctl} />
      <MoveDialog
        outline={outline}
        lessonIds={moveIds}
        onClose={() => setMoveIds(null)}
        onMove={(ids, toModuleId, toIndex) => {
          const title = ids.length === 1 ? (lessonMap.get(ids[0]!)?.title ?? '') : '';
          const sent = actions.moveLessons(ids, toModuleId, toIndex);
          // The button that opened the dialog may have moved with its row: focus the moved lesson.
          requestAnimationFrame(() => {
            if (document.activeElement === document.body) document.querySelector<HTMLElement>(`[data-lesson-row="${ids[0]}"] [data-drag-handle]`)?.focus();
          });
          void sent?.then((r) => {
            if (r?.ok) actions.announce(ids.length === 1 ? t('live.moveSaved', { title }) : t('live.movedMany', { count: ids.length }));
          });
        }}
      />
    </div>
  );
}

/** The overlay under the pointer; re-renders only when a drag starts or ends. */
function DragPreview({ drag, outline }: { drag: Store<DragState>; outline: CourseOutline }) {
  const key = useStoreSelector(drag, (d) => (d ? `${d.kind}|${d.activeId}|${d.kind === 'lesson' ? d.movingIds.length : 0}` : null));
  if (!key) return null;
  const [kind, id, n] = key.split('|') as [string, string, string];
  if (kind === 'module') {
    const m = outline.modules.find((x) => x.id === id);
    return m ? <ModuleDragPreview module={m} /> : null;
  }
  const lesson = outline.modules.flatMap((m) => m.lessons).find((l) => l.id === id);
  return lesson ? <LessonDragPreview lesson={lesson} extra={Number(n) - 1} /> : null;
}
