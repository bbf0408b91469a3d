'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import { courseLevels, courseVisibilities, SLUG_MAX, TITLE_MAX } from '@/lib/course-constants';
import { updateCourseSettingsAction } from '@/lib/courses/actions';
import { courseLanguages, DESCRIPTION_MAX, SHORT_DESCRIPTION_MAX, TAG_MAX, TAGS_MAX } from '@/lib/courses/constants';
import type { CourseSettings } from '@/lib/courses/dto';
import { updateCourseSettingsSchema } from '@/lib/courses/schemas';
import { SelectField } from './select-field';
import { TextareaField } from './textarea-field';

export function CourseSettingsForm({ course }: { course: CourseSettings }) {
  const t = useTranslations('courses');
  const router = useRouter();
  const form = useActionForm(updateCourseSettingsAction, {
    schema: updateCourseSettingsSchema,
    onSuccess: (r) => {
      toast.success(r.changed ? t('settings.saved') : t('settings.unchanged'));
      router.refresh();
    },
  });
  // A language stored by an import or an older list still shows as selected.
  const languages = (courseLanguages as readonly string[]).includes(course.language) ? courseLanguages : [...courseLanguages, course.language];
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-label={t('settings.title')}>
      <FormError message={form.formError} />
      <input type="hidden" name="courseId" value={course.id} />
      <TextField name="title" label={t('fields.title')} defaultValue={course.title} errors={form.errorsFor('title')} maxLength={TITLE_MAX} required />
      <TextField name="slug" label={t('fields.slug')} hint={t('settings.slugHint')} defaultValue={course.slug} errors={form.errorsFor('slug')} maxLength={SLUG_MAX} required spellCheck={false} autoCapitalize="none" />
      <TextareaField name="shortDescription" label={t('fields.shortDescription')} hint={t('settings.shortDescriptionHint', { max: SHORT_DESCRIPTION_MAX })} defaultValue={course.shortDescription} errors={form.errorsFor('shortDescription')} rows={2} />
      <TextareaField name="description" label={t('fields.description')} hint={t('settings.descriptionHint', { max: DESCRIPTION_MAX })} defaultValue={course.description} errors={form.errorsFor('description')} rows={8} />
      <TextField name="coverImageUrl" type="url" inputMode="url" label={t('fields.coverImageUrl')} hint={t('settings.coverHint')} defaultValue={course.coverImageUrl ?? ''} errors={form.errorsFor('coverImageUrl')} placeholder="https://" />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField name="language" label={t('fields.language')} defaultValue={course.language} options={languages.map((l) => ({ value: l, label: t.has(`languages.${l}`) ? t(`languages.${l}` as never) : l }))} errors={form.errorsFor('language')} />
        <SelectField name="level" label={t('fields.level')} defaultValue={course.level} options={courseLevels.map((l) => ({ value: l, label: t(`levels.${l}`) }))} errors={form.errorsFor('level')} />
        <SelectField name="visibility" label={t('fields.visibility')} defaultValue={course.visibility} options={courseVisibilities.map((v) => ({ value: v, label: t(`visibilities.${v}`) }))} errors={form.errorsFor('visibility')} />
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t('settings.visibilityHint')}</p>
      <SelectField
        name="isSequential"
        label={t('fields.lessonOrder')}
        defaultValue={String(course.isSequential)}
        options={[
          { value: 'false', label: t('settings.orderAny') },
          { value: 'true', label: t('settings.orderSequential') },
        ]}
        errors={form.errorsFor('isSequential')}
      />
      <TextField name="tags" label={t('fields.tags')} hint={t('settings.tagsHint', { max: TAGS_MAX, length: TAG_MAX })} defaultValue={course.tags.join(', ')} errors={form.errorsFor('tags')} />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? t('settings.saving') : t('settings.save')}
      </Button>
    </form>
  );
}
