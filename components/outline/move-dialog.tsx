'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import type { CourseOutline } from '@/lib/outline/dto';

type Props = {
  outline: CourseOutline;
  /** Lessons to move (outline order), or null when closed. */
  lessonIds: string[] | null;
  onClose: () => void;
  onMove: (lessonIds: string[], toModuleId: string, toIndex: number) => void;
};

/**
 * The non-drag way to move one or several lessons: pick a module and a position. A native modal
 * <dialog> traps focus, closes on Escape and returns focus to the button that opened it.
 */
export function MoveDialog({ outline, lessonIds, onClose, onMove }: Props) {
  const t = useTranslations('outline');
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const open = lessonIds !== null;
  const moving = new Set(lessonIds ?? []);
  const firstModule = outline.modules.find((m) => m.lessons.some((l) => moving.has(l.id)))?.id ?? outline.modules[0]?.id ?? '';
  const [choice, setChoice] = useState<{ moduleId: string; index: number | null }>({ moduleId: firstModule, index: null });
  // Each opening starts from the lessons' own module, at its end.
  const [openedFor, setOpenedFor] = useState(lessonIds);
  if (lessonIds !== openedFor) {
    setOpenedFor(lessonIds);
    setChoice({ moduleId: firstModule, index: null });
  }

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const target = outline.modules.find((m) => m.id === choice.moduleId);
  const remaining = target ? target.lessons.filter((l) => !moving.has(l.id)).length : 0;
  const index = choice.index === null || choice.index > remaining ? remaining : choice.index;
  const count = lessonIds?.length ?? 0;
  const title = count === 1 ? (outline.modules.flatMap((m) => m.lessons).find((l) => l.id === lessonIds![0])?.title ?? '') : '';

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (!target) return;
            onMove(lessonIds, target.id, index);
            onClose();
          }}
          className="space-y-4"
        >
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {count === 1 ? t('moveDialog.titleOne', { title }) : t('moveDialog.titleMany', { count })}
          </h2>
          <div className="space-y-1">
            <label htmlFor={`${id}-module`} className="block text-sm font-medium">
              {t('moveDialog.module')}
            </label>
            <Select id={`${id}-module`} value={choice.moduleId} onChange={(e) => setChoice({ moduleId: e.target.value, index: null })}>
              {outline.modules.map((m, i) => (
                <option key={m.id} value={m.id}>
                  {t('moveDialog.moduleOption', { position: i + 1, title: m.title })}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-position`} className="block text-sm font-medium">
              {t('moveDialog.position')}
            </label>
            <Select id={`${id}-position`} value={index} onChange={(e) => setChoice((c) => ({ ...c, index: Number(e.target.value) }))}>
              {Array.from({ length: remaining + 1 }, (_, i) => (
                <option key={i} value={i}>
                  {i === remaining ? t('moveDialog.atEnd', { position: i + 1 }) : t('moveDialog.positionOption', { position: i + 1 })}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              {t('moveDialog.cancel')}
            </Button>
            <Button type="submit" disabled={!target}>
              {t('moveDialog.submit')}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
