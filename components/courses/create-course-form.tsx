'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import { createCourseAction } from '@/lib/courses/actions';
import { courseLanguages } from '@/lib/courses/constants';
import { createCourseSchema } from '@/lib/courses/schemas';
import { TITLE_MAX } from '@/lib/course-constants';
import { SelectField } from './select-field';

export function CreateCourseForm({ defaultLanguage }: { defaultLanguage: string }) {
  const t = useTranslations('courses');
  const router = useRouter();
  const form = useActionForm(createCourseAction, {
    schema: createCourseSchema,
    onSuccess: (course) => router.push(`/courses/${course.id}/outline`),
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="max-w-xl space-y-4">
      <FormError message={form.formError} />
      <TextField name="title" label={t('fields.title')} hint={t('create.titleHint')} errors={form.errorsFor('title')} maxLength={TITLE_MAX} required autoFocus />
      <SelectField
        name="language"
        label={t('fields.language')}
        defaultValue={defaultLanguage}
        options={courseLanguages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        errors={form.errorsFor('language')}
      />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? t('create.creating') : t('create.submit')}
      </Button>
    </form>
  );
}
