'use client';

import { useTranslations } from 'next-intl';
import { memo, useCallback, type KeyboardEvent, type PointerEvent } from 'react';
import type { OutlineLesson } from '@/lib/outline/dto';
import type { EditorControls } from './editor-controls';
import { Icon } from './icons';
import { useIsSelected, useStoreSelector } from './stores';
import { TitleField } from './title-field';
import { DND_ID } from './use-outline-dnd';

type Props = { lesson: OutlineLesson; ctl: EditorControls };

/**
 * One lesson row. It holds no dnd-kit hook: its handle hands the pointer or key event to the one
 * shared lesson draggable (see LessonDragSource), so a drag re-renders no row but the dragged one.
 */
export const LessonRow = memo(function LessonRow({ lesson, ctl }: Props) {
  const t = useTranslations('outline');
  const selected = useIsSelected(ctl.selection, lesson.id);
  const placeholder = useStoreSelector(ctl.drag, (d) => d?.kind === 'lesson' && d.activeId === lesson.id);
  const onSave = useCallback((title: string) => ctl.actions.renameLesson(lesson.id, title), [ctl, lesson.id]);
  const startDrag = (e: PointerEvent<HTMLButtonElement> | KeyboardEvent<HTMLButtonElement>) => ctl.startLessonDrag(e, lesson.id);
  return (
    <li className="ol-row" data-lesson-row={lesson.id} data-lesson-title={lesson.title} data-selected={selected || undefined} data-placeholder={placeholder || undefined}>
      <button
        type="button"
        className="ol-btn ol-grip"
        data-i="grip"
        data-drag-handle=""
        aria-label={t('lesson.drag', { title: lesson.title })}
        aria-roledescription={t('announce.roleLesson')}
        aria-describedby={DND_ID}
        onPointerDown={startDrag}
        onKeyDown={startDrag}
      />
      <input
        type="checkbox"
        checked={selected}
        onChange={(e) => ctl.toggleSelect(lesson.id, (e.nativeEvent as MouseEvent).shiftKey === true)}
        aria-label={t('lesson.select', { title: lesson.title })}
        className="ol-check"
      />
      <span className="ol-type" data-i={lesson.type}>
        {t(`types.${lesson.type}`)}
      </span>
      <TitleField value={lesson.title} label={t('lesson.titleLabel')} onSave={onSave} />
      <span className="ol-badges">
        {lesson.isFreePreview && (
          <span className="ol-badge" data-tone="free">
            {t('lesson.freePreview')}
          </span>
        )}
        <span className="ol-badge" data-tone={lesson.status}>
          {t(`status.${lesson.status}`)}
        </span>
      </span>
      {/* A plain link (2,000 next/link instances cost real hydration time); ctl.navigate keeps client-side navigation. */}
      <a href={`/courses/${ctl.courseId}/lessons/${lesson.id}`} onClick={ctl.navigate} className="ol-btn" data-i="edit" aria-label={t('lesson.edit', { title: lesson.title })} />
      <button type="button" className="ol-btn" data-i="move" aria-label={t('lesson.moveTo', { title: lesson.title })} onClick={() => ctl.openMoveDialog([lesson.id])} />
      <button type="button" className="ol-btn" data-i="trash" aria-label={t('lesson.delete', { title: lesson.title })} onClick={() => void ctl.actions.deleteLessons([lesson.id])} />
    </li>
  );
});

/** What the pointer carries while a lesson is dragged. */
export function LessonDragPreview({ lesson, extra }: { lesson: OutlineLesson; extra: number }) {
  const t = useTranslations('outline');
  return (
    <div className="flex items-center gap-2 rounded-md border border-brand-500 bg-white px-3 py-2 text-sm shadow-lg dark:bg-slate-900">
      <Icon name="grip" />
      <Icon name={lesson.type} />
      <span className="truncate font-medium">{lesson.title}</span>
      {extra > 0 && (
        <span className="ol-badge" data-tone="free">
          {t('drag.more', { count: extra })}
        </span>
      )}
    </div>
  );
}
