'use client';

import { useTranslations } from 'next-intl';
import { memo, useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';
import { lessonTypes, type LessonType } from '@/lib/course-constants';
import { titleSchema } from '@/lib/outline/schemas';
import type { EditorControls } from './editor-controls';
import { isTranslatable } from './messages';
import type { OpResult } from './use-outline-editor';

/** Title input state shared by both forms: the same zod rule as the action first, then the server's answer. */
function useTitleForm(create: (title: string) => Promise<OpResult | null>, onCreated: (title: string) => void) {
  const tAll = useTranslations();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const translate = (key: string) => (isTranslatable(key) ? tAll(key as never) : key);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = titleSchema.safeParse(title);
    if (!parsed.success) {
      setError(translate(parsed.error.issues[0]?.message ?? 'validation.invalid'));
      return;
    }
    setPending(true);
    const r = await create(parsed.data);
    setPending(false);
    if (r?.ok) {
      setTitle('');
      setError(null);
      onCreated(parsed.data);
    } else if (r && r.error.code === 'VALIDATION') {
      setError(translate(r.error.fieldErrors?.title?.[0] ?? r.error.message));
    }
  };
  return { title, setTitle, error, pending, onSubmit };
}

export function CreateModuleForm({ ctl }: { ctl: EditorControls }) {
  const t = useTranslations('outline');
  const id = useId();
  const form = useTitleForm(
    (title) => ctl.actions.createModule(title),
    (title) => ctl.actions.announce(t('live.moduleCreated', { title })),
  );
  return (
    <form onSubmit={form.onSubmit} className="flex flex-wrap items-end gap-2 rounded-lg border border-dashed border-slate-300 p-3 dark:border-slate-700" data-testid="create-module">
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor={`${id}-title`} className="block text-sm font-medium">
          {t('module.newTitle')}
        </label>
        <Input
          id={`${id}-title`}
          name="title"
          value={form.title}
          onChange={(e) => form.setTitle(e.target.value)}
          invalid={Boolean(form.error)}
          aria-describedby={form.error ? `${id}-error` : undefined}
        />
      </div>
      <Button type="submit" disabled={form.pending}>
        {t('module.add')}
      </Button>
      {form.error && (
        <p id={`${id}-error`} className="basis-full text-sm text-red-700 dark:text-red-400">
          {form.error}
        </p>
      )}
    </form>
  );
}

export const CreateLessonForm = memo(function CreateLessonForm({ moduleId, moduleTitle, ctl }: { moduleId: string; moduleTitle: string; ctl: EditorControls }) {
  const t = useTranslations('outline');
  const id = useId();
  const [type, setType] = useState<LessonType>('text');
  const form = useTitleForm(
    (title) => ctl.actions.createLesson(moduleId, title, type),
    (title) => ctl.actions.announce(t('live.lessonCreated', { title, module: moduleTitle })),
  );
  return (
    <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-2 border-t border-slate-100 p-2 sm:flex-nowrap dark:border-slate-800">
      <div className="min-w-0 flex-1 basis-48">
        <label htmlFor={`${id}-title`} className="sr-only">
          {t('lesson.newTitle', { module: moduleTitle })}
        </label>
        <Input
          id={`${id}-title`}
          name="title"
          value={form.title}
          placeholder={t('lesson.newPlaceholder')}
          onChange={(e) => form.setTitle(e.target.value)}
          invalid={Boolean(form.error)}
          aria-describedby={form.error ? `${id}-error` : undefined}
          className="py-1.5"
        />
        {form.error && (
          <p id={`${id}-error`} className="mt-1 text-xs text-red-700 dark:text-red-400">
            {form.error}
          </p>
        )}
      </div>
      <div className="w-32 shrink-0">
        <label htmlFor={`${id}-type`} className="sr-only">
          {t('lesson.newType', { module: moduleTitle })}
        </label>
        <Select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as LessonType)} className="py-1.5">
          {lessonTypes.map((x) => (
            <option key={x} value={x}>
              {t(`types.${x}`)}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary" disabled={form.pending} className="shrink-0 py-1.5">
        {t('lesson.add')}
      </Button>
    </form>
  );
});
