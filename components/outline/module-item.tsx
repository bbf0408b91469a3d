'use client';

import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslations } from 'next-intl';
import { memo, useCallback, useMemo } from 'react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import type { OutlineLesson, OutlineModule } from '@/lib/outline/dto';
import { CreateLessonForm } from './create-forms';
import type { EditorControls } from './editor-controls';
import { Icon } from './icons';
import { LessonRow } from './lesson-row';
import { useModulePreview, useStoreSelector } from './stores';
import { TitleField } from './title-field';
import { moduleDndId, type OutlineDndData } from './use-outline-dnd';

// Rough height of a card before the browser has laid it out (content-visibility: auto).
const estimatedHeight = (lessons: number) => 60 + lessons * 41 + 52;

type Props = { module: OutlineModule; index: number; count: number; isCollapsed: boolean; ctl: EditorControls };

/**
 * One module card: a dnd-kit sortable (modules reorder with dnd-kit's transforms). This outer part
 * hosts the hook, which re-renders whenever the drag changes; the body is memoized.
 */
export const ModuleItem = memo(function ModuleItem({ module, index, count, isCollapsed, ctl }: Props) {
  const t = useTranslations('outline');
  const data = useMemo<OutlineDndData>(() => ({ type: 'module', moduleId: module.id }), [module.id]);
  const attributes = useMemo(() => ({ roleDescription: t('announce.roleModule') }), [t]);
  const { setNodeRef: setSortableRef, setActivatorNodeRef, isDragging, transform, transition, attributes: handleAttributes, listeners } = useSortable({ id: moduleDndId(module.id), data, attributes });
  return (
    <li
      ref={setSortableRef}
      style={{ transform: CSS.Translate.toString(transform), transition, containIntrinsicSize: `auto ${estimatedHeight(module.lessons.length)}px` }}
      data-testid="module"
      data-module-id={module.id}
      data-module-title={module.title}
      className={cn('ol-module rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900', isDragging && 'relative z-10 opacity-60 outline-2 outline-brand-500 outline-dashed')}
    >
      <ModuleBody
        module={module}
        index={index}
        count={count}
        isCollapsed={isCollapsed}
        ctl={ctl}
        isDragging={isDragging}
        attributes={handleAttributes}
        listeners={listeners}
        setHandleRef={setActivatorNodeRef}
      />
    </li>
  );
});

type BodyProps = Props & { isDragging: boolean; attributes: DraggableAttributes; listeners: DraggableSyntheticListeners; setHandleRef: (el: HTMLElement | null) => void };

const ModuleBody = memo(function ModuleBody({ module, index, count, isCollapsed, ctl, isDragging, attributes, listeners, setHandleRef }: BodyProps) {
  const t = useTranslations('outline');
  const preview = useModulePreview(ctl.drag, module.id);
  // The lesson being dragged, when it is in this module right now (shown even in a folded module).
  const draggedHere = useStoreSelector(ctl.drag, (d) => (d?.kind === 'lesson' && d.slot.moduleId === module.id ? d.activeId : null));
  const { getLesson } = ctl;
  const lessons = useMemo(() => (preview ? preview.map(getLesson).filter((l): l is OutlineLesson => Boolean(l)) : module.lessons), [preview, module.lessons, getLesson]);
  const visible = useMemo(() => (isDragging ? [] : isCollapsed ? lessons.filter((l) => l.id === draggedHere) : lessons), [isDragging, isCollapsed, lessons, draggedHere]);
  const onSave = useCallback((title: string) => ctl.actions.renameModule(module.id, title), [ctl, module.id]);
  const listId = `module-lessons-${module.id}`;
  const first = index === 0;
  const last = index === count - 1;

  return (
    <section aria-labelledby={`module-heading-${module.id}`} className={cn('rounded-lg', draggedHere && 'ring-2 ring-brand-500')}>
      <h2 id={`module-heading-${module.id}`} className="sr-only">
        {t('module.heading', { position: index + 1, title: module.title })}
      </h2>
      <div className="flex flex-wrap items-center gap-1 p-2">
        <button type="button" ref={setHandleRef} {...attributes} {...listeners} aria-label={t('module.drag', { title: module.title })} className="ol-btn ol-grip" data-i="grip" />
        <button
          type="button"
          className={cn('ol-btn', !isCollapsed && 'ol-rot')}
          data-i="chevron"
          data-module-toggle={module.id}
          aria-expanded={!isCollapsed}
          aria-controls={listId}
          aria-label={t(isCollapsed ? 'module.expand' : 'module.collapse', { title: module.title })}
          onClick={() => ctl.toggleCollapsed(module.id)}
        />
        <span className="w-6 shrink-0 text-center text-xs tabular-nums text-slate-600 dark:text-slate-400" aria-hidden="true">
          {index + 1}
        </span>
        <TitleField value={module.title} label={t('module.titleLabel')} onSave={onSave} className="min-w-40 flex-1" inputClassName="text-base font-semibold" />
        <Badge>{t('module.lessonCount', { count: module.lessons.length })}</Badge>
        <button
          type="button"
          className="ol-btn"
          data-i="up"
          aria-label={t('module.moveUp', { title: module.title })}
          aria-disabled={first || undefined}
          onClick={() => !first && void ctl.actions.moveModule(module.id, index - 1)}
        />
        <button
          type="button"
          className="ol-btn"
          data-i="down"
          aria-label={t('module.moveDown', { title: module.title })}
          aria-disabled={last || undefined}
          onClick={() => !last && void ctl.actions.moveModule(module.id, index + 1)}
        />
        <button type="button" className="ol-btn" data-i="trash" aria-label={t('module.delete', { title: module.title })} onClick={() => void ctl.actions.deleteModule(module.id)} />
      </div>
      <ol id={listId} data-module-lessons={module.id} aria-label={t('module.lessonsLabel', { title: module.title })}>
        {visible.map((l) => (
          <LessonRow key={l.id} lesson={l} ctl={ctl} />
        ))}
      </ol>
      {!isCollapsed && !isDragging && (
        <>
          {lessons.length === 0 && (
            <p className="mx-2 mb-2 rounded border border-dashed border-slate-300 p-3 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">{t('module.empty')}</p>
          )}
          <CreateLessonForm moduleId={module.id} moduleTitle={module.title} ctl={ctl} />
        </>
      )}
    </section>
  );
});

/** What the pointer carries while a module is dragged. */
export function ModuleDragPreview({ module }: { module: OutlineModule }) {
  const t = useTranslations('outline');
  return (
    <div className="flex items-center gap-2 rounded-lg border border-brand-500 bg-white px-3 py-2 shadow-lg dark:bg-slate-900">
      <Icon name="grip" />
      <span className="truncate font-semibold">{module.title}</span>
      <Badge>{t('module.lessonCount', { count: module.lessons.length })}</Badge>
    </div>
  );
}
