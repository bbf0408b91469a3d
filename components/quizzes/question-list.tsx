'use client';

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslations } from 'next-intl';
import { useMemo, useState, type ReactNode } from 'react';
import type { EditorQuestion } from '@/lib/quizzes/dto';
import { Button } from '@/components/ui/button';

type Props = {
  questions: EditorQuestion[];
  /** Called with the question and its new index; the parent applies it at once and sends the intent. */
  onMove: (questionId: string, toIndex: number) => void;
  renderRow: (q: EditorQuestion, index: number) => ReactNode;
};

/**
 * Questions in order, reordered by drag and drop (pointer or keyboard: Space, arrows, Space) with
 * screen-reader announcements, or by the Move up / Move down buttons.
 */
export function QuestionList({ questions, onMove, renderRow }: Props) {
  const t = useTranslations('quiz');
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const ids = useMemo(() => questions.map((q) => q.id), [questions]);
  const label = (id: string | number) => {
    const i = ids.indexOf(String(id));
    return { n: i + 1, prompt: questions[i]?.prompt.slice(0, 60) ?? '' };
  };
  const pos = (id: string | number | undefined) => ({ position: ids.indexOf(String(id)) + 1, total: ids.length });
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dnd.pickedUp', { ...label(active.id), ...pos(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('dnd.over', { ...label(active.id), ...pos(over.id) }) : t('dnd.outside', label(active.id))),
    onDragEnd: ({ active, over }) => (over ? t('dnd.dropped', { ...label(active.id), ...pos(over.id) }) : t('dnd.cancelled', label(active.id))),
    onDragCancel: ({ active }) => t('dnd.cancelled', label(active.id)),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(String(active.id), ids.indexOf(String(over.id)));
  };
  return (
    <DndContext id="quiz-questions" sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol className="space-y-2" aria-label={t('questionsTitle')} data-testid="quiz-questions">
          {questions.map((q, i) => (
            <SortableRow key={q.id} id={q.id} index={i} count={questions.length} prompt={q.prompt} onMove={onMove}>
              {renderRow(q, i)}
            </SortableRow>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({ id, index, count, prompt, onMove, children }: { id: string; index: number; count: number; prompt: string; onMove: (id: string, to: number) => void; children: ReactNode }) {
  const t = useTranslations('quiz');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const [short] = useState(() => prompt.slice(0, 60));
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`rounded-md border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900 ${isDragging ? 'relative z-10 shadow-lg' : ''}`}
      data-question-row={id}
    >
      <div className="flex items-start gap-2">
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={t('dnd.handle', { n: index + 1, prompt: short })}
          className="cursor-grab rounded px-2 py-1 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          ⠿
        </button>
        <div className="min-w-0 flex-1">{children}</div>
        <div className="flex gap-1">
          <Button size="sm" variant="ghost" disabled={index === 0} aria-label={t('moveUp', { n: index + 1 })} onClick={() => onMove(id, index - 1)}>
            ↑
          </Button>
          <Button size="sm" variant="ghost" disabled={index === count - 1} aria-label={t('moveDown', { n: index + 1 })} onClick={() => onMove(id, index + 1)}>
            ↓
          </Button>
        </div>
      </div>
    </li>
  );
}

export { arrayMove };
