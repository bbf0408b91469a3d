'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { toast } from 'sonner';
import type { LessonType } from '@/lib/course-constants';
import type { ActionResult } from '@/lib/errors';
import {
  createLessonAction,
  createModuleAction,
  deleteLessonsAction,
  deleteModuleAction,
  moveLessonsAction,
  moveModuleAction,
  redoOutlineAction,
  renameLessonAction,
  renameModuleAction,
  undoOutlineAction,
} from '@/lib/outline/actions';
import type { CourseOutline } from '@/lib/outline/dto';
import { applyOp, editorReducer, initEditor, type OutlineOp } from './outline-model';

export type OpResult = ActionResult<{ version: number; outline?: CourseOutline; createdId?: string }>;

function send(courseId: string, op: OutlineOp, expectedVersion: number): Promise<OpResult> {
  switch (op.kind) {
    case 'moveLessons':
      return moveLessonsAction({ courseId, lessonIds: op.lessonIds, toModuleId: op.toModuleId, toIndex: op.toIndex, expectedVersion });
    case 'moveModule':
      return moveModuleAction({ courseId, moduleId: op.moduleId, toIndex: op.toIndex, expectedVersion });
    case 'deleteModule':
      return deleteModuleAction({ courseId, moduleId: op.moduleId, expectedVersion });
    case 'deleteLessons':
      return deleteLessonsAction({ courseId, lessonIds: op.lessonIds, expectedVersion });
    case 'renameModule':
      return renameModuleAction({ courseId, moduleId: op.moduleId, title: op.title });
    case 'renameLesson':
      return renameLessonAction({ courseId, lessonId: op.lessonId, title: op.title });
    case 'createModule':
      return createModuleAction({ courseId, title: op.title, expectedVersion });
    case 'createLesson':
      return createLessonAction({ courseId, moduleId: op.moduleId, title: op.title, type: op.type, expectedVersion });
    case 'undo':
      return undoOutlineAction({ courseId, expectedVersion });
    case 'redo':
      return redoOutlineAction({ courseId, expectedVersion });
  }
}

export type SubmitOptions = { /** The caller shows validation errors next to its field. */ quietValidation?: boolean };

/**
 * The builder's state: the server outline plus this editor's operations, applied at once and sent
 * one at a time (each needs the version the previous one produced). A failure rolls its operation
 * back; a CONFLICT drops everything unsent, reloads the page's outline and adopts it.
 */
export function useOutlineEditor(serverOutline: CourseOutline) {
  const t = useTranslations('outline');
  const router = useRouter();
  const [state, dispatch] = useReducer(editorReducer, serverOutline, initEditor);
  const [liveMessage, setLiveMessage] = useState('');
  const courseId = serverOutline.courseId;
  const versionRef = useRef(serverOutline.version);
  const generationRef = useRef(0);
  const chainRef = useRef<Promise<unknown>>(Promise.resolve());
  const nextIdRef = useRef(1);

  // A newer outline from the server (router.refresh after a conflict, or a navigation back here):
  // adopt it and forget operations that were planned against the old one.
  useEffect(() => {
    if (serverOutline.version <= versionRef.current) return;
    generationRef.current++;
    versionRef.current = serverOutline.version;
    dispatch({ type: 'reset', outline: serverOutline });
  }, [serverOutline]);

  const submit = useCallback(
    (op: OutlineOp, opts: SubmitOptions = {}): Promise<OpResult | null> => {
      const id = nextIdRef.current++;
      const generation = generationRef.current;
      dispatch({ type: 'enqueue', id, op });
      const run = chainRef.current.then(async (): Promise<OpResult | null> => {
        if (generation !== generationRef.current) return null;
        let r: OpResult;
        try {
          r = await send(courseId, op, versionRef.current);
        } catch {
          r = { ok: false, error: { code: 'INTERNAL', message: t('errors.network') } };
        }
        if (generation !== generationRef.current) return null;
        if (r.ok) {
          versionRef.current = Math.max(versionRef.current, r.data.version);
          dispatch({ type: 'settled', id, version: r.data.version, outline: r.data.outline });
        } else if (r.error.code === 'CONFLICT') {
          generationRef.current++;
          dispatch({ type: 'rollbackAll' });
          toast.error(r.error.message || t('conflict'));
          setLiveMessage(r.error.message || t('conflict'));
          router.refresh();
        } else {
          dispatch({ type: 'failed', id });
          if (!(opts.quietValidation && r.error.code === 'VALIDATION')) toast.error(r.error.message);
        }
        return r;
      });
      chainRef.current = run.catch(() => null);
      return run;
    },
    [courseId, router, t],
  );

  // The view is read by stable callbacks below (so rows keep their props) through this ref.
  const viewRef = useRef(state.view);
  useLayoutEffect(() => {
    viewRef.current = state.view;
  }, [state.view]);

  const actions = useMemo(() => {
    const undo = async () => {
      const r = await submit({ kind: 'undo' });
      if (r?.ok) setLiveMessage(t('live.undone'));
    };
    const redo = async () => {
      const r = await submit({ kind: 'redo' });
      if (r?.ok) setLiveMessage(t('live.redone'));
    };
    const undoToast = (message: string) =>
      toast.success(message, { duration: 8000, action: { label: t('toolbar.undo'), onClick: () => void undo() } });
    return {
      undo,
      redo,
      /** Applies a move at once and sends it; returns null when it would change nothing. */
      moveLessons: (lessonIds: string[], toModuleId: string, toIndex: number) => {
        const op: OutlineOp = { kind: 'moveLessons', lessonIds, toModuleId, toIndex };
        if (applyOp(viewRef.current, op) === viewRef.current) return null;
        return submit(op);
      },
      moveModule: (moduleId: string, toIndex: number) => {
        const op: OutlineOp = { kind: 'moveModule', moduleId, toIndex };
        if (applyOp(viewRef.current, op) === viewRef.current) return null;
        return submit(op);
      },
      deleteModule: async (moduleId: string) => {
        const title = viewRef.current.modules.find((m) => m.id === moduleId)?.title ?? '';
        const r = await submit({ kind: 'deleteModule', moduleId });
        if (r?.ok) {
          undoToast(t('toast.moduleDeleted', { title }));
          setLiveMessage(t('toast.moduleDeleted', { title }));
        }
      },
      deleteLessons: async (lessonIds: string[]) => {
        const r = await submit({ kind: 'deleteLessons', lessonIds });
        if (r?.ok) {
          undoToast(t('toast.lessonsDeleted', { count: lessonIds.length }));
          setLiveMessage(t('toast.lessonsDeleted', { count: lessonIds.length }));
        }
      },
      renameModule: (moduleId: string, title: string) => submit({ kind: 'renameModule', moduleId, title }, { quietValidation: true }),
      renameLesson: (lessonId: string, title: string) => submit({ kind: 'renameLesson', lessonId, title }, { quietValidation: true }),
      createModule: (title: string) => submit({ kind: 'createModule', title }, { quietValidation: true }),
      createLesson: (moduleId: string, title: string, type: LessonType) => submit({ kind: 'createLesson', moduleId, title, type }, { quietValidation: true }),
      getView: () => viewRef.current,
      announce: setLiveMessage,
    };
  }, [submit, t]);

  return { outline: state.view, pendingCount: state.pending.length, actions, liveMessage };
}

export type OutlineActions = ReturnType<typeof useOutlineEditor>['actions'];
