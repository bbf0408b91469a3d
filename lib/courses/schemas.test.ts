import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '@/lib/validation';
import { createCourseSchema, deleteCourseSchema, updateCourseSettingsSchema } from './schemas';

const errorsOf = (r: { success: boolean; error?: unknown }) => (r.success ? {} : toFieldErrors(r.error as never));
const courseId = '8f2c1a4e-4b7d-4c1e-9a3b-2d5e6f708192';

describe('createCourseSchema', () => {
  it('trims the title and defaults the language', () => {
    expect(createCourseSchema.parse({ title: '  Основы Python  ' })).toEqual({ title: 'Основы Python', language: 'en' });
  });
  it('rejects empty and over-long titles and unknown languages', () => {
    expect(errorsOf(createCourseSchema.safeParse({ title: '   ', language: 'xx' }))).toEqual({ title: ['courseValidation.titleRequired'], language: ['courseValidation.languageInvalid'] });
    expect(errorsOf(createCourseSchema.safeParse({ title: 'x'.repeat(201) }))).toEqual({ title: ['courseValidation.titleTooLong'] });
    expect(createCourseSchema.safeParse({ title: 'x'.repeat(200) }).success).toBe(true);
  });
});

describe('updateCourseSettingsSchema', () => {
  it('normalizes what the form sends', () => {
    const r = updateCourseSettingsSchema.parse({ courseId, slug: ' Intro-Python ', tags: 'Python, python, Data Science', coverImageUrl: '', level: 'beginner', visibility: 'unlisted' });
    expect(r).toMatchObject({ slug: 'intro-python', tags: ['python', 'data science'], coverImageUrl: null });
  });
  it('leaves out what is not sent', () => {
    expect(updateCourseSettingsSchema.parse({ courseId, title: 'T' })).toEqual({ courseId, title: 'T' });
  });
  it('reports each bad field with its own key', () => {
    expect(
      errorsOf(
        updateCourseSettingsSchema.safeParse({
          courseId,
          title: '',
          slug: 'not valid',
          shortDescription: 'x'.repeat(301),
          description: 'x'.repeat(20_001),
          coverImageUrl: 'javascript:alert(1)',
          language: 'klingon',
          level: 'expert',
          tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(','),
          visibility: 'secret',
        }),
      ),
    ).toEqual({
      title: ['courseValidation.titleRequired'],
      slug: ['courseValidation.slugInvalid'],
      shortDescription: ['courseValidation.shortDescriptionTooLong'],
      description: ['courseValidation.descriptionTooLong'],
      coverImageUrl: ['courseValidation.urlInvalid'],
      language: ['courseValidation.languageInvalid'],
      level: ['validation.invalid'],
      tags: ['courseValidation.tooManyTags'],
      visibility: ['validation.invalid'],
    });
  });
  it('checks slug length and tag length', () => {
    expect(errorsOf(updateCourseSettingsSchema.safeParse({ courseId, slug: 'a'.repeat(81) })).slug).toEqual(['courseValidation.slugTooLong']);
    expect(errorsOf(updateCourseSettingsSchema.safeParse({ courseId, slug: 'a--b' })).slug).toEqual(['courseValidation.slugInvalid']);
    expect(errorsOf(updateCourseSettingsSchema.safeParse({ courseId, tags: `ok, ${'x'.repeat(31)}` })).tags).toEqual(['courseValidation.tagTooLong']);
    expect(updateCourseSettingsSchema.safeParse({ courseId, tags: Array.from({ length: 10 }, (_, i) => `t${i}`) }).success).toBe(true);
  });
  it('accepts http and https cover links only', () => {
    expect(updateCourseSettingsSchema.parse({ courseId, coverImageUrl: 'https://cdn.example.com/c.png' }).coverImageUrl).toBe('https://cdn.example.com/c.png');
    expect(updateCourseSettingsSchema.safeParse({ courseId, coverImageUrl: 'ftp://example.com/c.png' }).success).toBe(false);
  });
});

describe('deleteCourseSchema', () => {
  it('requires a confirmation', () => {
    expect(errorsOf(deleteCourseSchema.safeParse({ courseId, confirmTitle: ' ' }))).toEqual({ confirmTitle: ['courseValidation.confirmTitleMismatch'] });
  });
});
