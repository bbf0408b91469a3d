import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en/courseTransfer.json';
import ru from '@/messages/ru/courseTransfer.json';
import { COURSE_FILE_MAX_BYTES, LESSONS_MAX, MODULES_MAX, problemCodes } from './format';
import { findJsonSyntaxError } from './json-error';
import { jsonPath, PROBLEMS_MAX, validateCourseFile } from './validate';

const lesson = (over: Record<string, unknown> = {}) => ({ title: 'Lesson', type: 'text', ...over });
const file = (over: Record<string, unknown> = {}) => ({
  format: 'lectern.course',
  version: 1,
  exportedAt: '2026-01-31T09:00:00.000Z',
  course: { title: 'Course', slug: 'course' },
  modules: [{ title: 'Module', lessons: [lesson()] }],
  ...over,
});
const check = (value: unknown) => validateCourseFile(typeof value === 'string' ? value : JSON.stringify(value));
const problemsOf = (value: unknown) => {
  const r = check(value);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('validateCourseFile: accepted files', () => {
  it('accepts a minimal file and fills the documented defaults', () => {
    const r = check(file());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.course).toEqual({ title: 'Course', slug: 'course', shortDescription: '', description: '', coverImageUrl: null, language: 'en', level: 'all', tags: [], visibility: 'public' });
    expect(r.data.modules[0]!.lessons[0]).toEqual({
      title: 'Lesson',
      type: 'text',
      status: 'draft',
      isFreePreview: false,
      description: '',
      contentHtml: '',
      durationSeconds: null,
      completionRule: { kind: 'view' },
      dripDays: null,
      dripDate: null,
      media: [],
    });
  });

  it('accepts a UTF-8 byte-order mark, unknown extra fields and media references of the documented shape', () => {
    const media = [{ kind: 'video', key: 'videos/abc.mp4', filename: 'intro.mp4', size: 1024, sha256: 'a'.repeat(64) }];
    const r = validateCourseFile(`\uFEFF${JSON.stringify(file({ generator: 'x', modules: [{ title: 'M', lessons: [lesson({ media, futureField: 1 })] }] }))}`);
    expect(r.ok).toBe(true);
  });

  it('accepts the example in docs/course-format.md unchanged', () => {
    const doc = fs.readFileSync(path.join(process.cwd(), 'docs/course-format.md'), 'utf8');
    const example = /## Example\s+```json\n([\s\S]+?)\n```/.exec(doc)![1]!;
    const r = validateCourseFile(example);
    expect(r.ok && r.data).toEqual(JSON.parse(example));
  });

  it('trims titles and normalizes tags', () => {
    const r = check(file({ course: { title: '  Course  ', tags: ['Python', ' python ', 'Data  Science'] } }));
    expect(r.ok && r.data.course).toMatchObject({ title: 'Course', tags: ['python', 'data science'] });
  });
});

describe('validateCourseFile: every bad input is reported with its JSON path', () => {
  it('not JSON: says where the parse failed', () => {
    expect(problemsOf('{\n  "format": "lectern.course",\n  "version": 1,\n}')).toEqual(['$: The file is not valid JSON: Expected a property name in double quotes, found \'}\' (line 4, column 1)']);
    expect(problemsOf('')).toEqual(['$: The file is not valid JSON: Unexpected end of input (line 1, column 1)']);
    expect(problemsOf('{"a": [1, 2}')).toEqual(["$: The file is not valid JSON: Expected ',' or ']', found '}' (line 1, column 12)"]);
  });

  it('not an object', () => {
    expect(problemsOf('[1]')).toEqual(['$: The file must contain a JSON object']);
  });

  it('too large (checked before parsing)', () => {
    const r = validateCourseFile(' '.repeat(COURSE_FILE_MAX_BYTES + 1));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([{ path: '$', code: 'tooLarge', params: { maxMb: 20 }, message: 'The file is larger than 20 MB' }]);
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    const nearLimit = 'я'.repeat(COURSE_FILE_MAX_BYTES / 2 + 1); // 2 bytes each
    expect(validateCourseFile(nearLimit)).toMatchObject({ ok: false, problems: [{ code: 'tooLarge' }] });
  });

  it('wrong format', () => {
    expect(problemsOf(file({ format: 'moodle.backup' }))).toEqual(['$.format: Expected "format": "lectern.course"; this is not a Lectern course file']);
  });

  it('unsupported version: names the supported ones and skips the body it cannot judge', () => {
    expect(problemsOf(file({ version: 2, course: null }))).toEqual(['$.version: Unsupported version 2; this Lectern reads version 1']);
    expect(problemsOf(file({ version: '1' }))).toEqual(['$.version: Unsupported version "1"; this Lectern reads version 1']);
  });

  it('missing header fields and sections', () => {
    expect(problemsOf({ name: 'package.json' })).toEqual([
      '$.format: Required field is missing',
      '$.version: Required field is missing',
      '$.course: Required field is missing',
      '$.modules: Required field is missing',
    ]);
  });

  it('missing module title, with the right path', () => {
    const modules = [{ title: 'A', lessons: [] }, { title: 'B', lessons: [] }, { lessons: [lesson()] }];
    expect(problemsOf(file({ modules }))).toEqual(['$.modules[2].title: Required field is missing']);
  });

  it('unknown lesson type', () => {
    const modules = [{ title: 'M', lessons: [lesson(), lesson({ type: 'podcast' })] }];
    expect(problemsOf(file({ modules }))).toEqual(['$.modules[0].lessons[1].type: Unknown lesson type "podcast"; expected one of: video, text, quiz, homework, pdf']);
  });

  it('a 500-character title', () => {
    const modules = [{ title: 'M', lessons: [] }, { title: 'M', lessons: [] }, { title: 'M', lessons: [lesson({ title: 'x'.repeat(500) })] }];
    expect(problemsOf(file({ modules }))).toEqual(['$.modules[2].lessons[0].title: Title must be at most 200 characters']);
  });

  it('reports every problem at once, in file order', () => {
    const bad = file({
      course: { title: '', slug: 'Not A Slug', language: 'xx', level: 'expert', tags: [''], coverImageUrl: 'javascript:alert(1)', visibility: 'secret' },
      modules: [
        {
          title: 'M',
          lessons: [
            lesson({ status: 'live', isFreePreview: 'yes', durationSeconds: -5, dripDays: 1.5, dripDate: 'tomorrow', completionRule: { kind: 'video_coverage', percent: 150 }, contentHtml: 42 }),
            'not a lesson',
            lesson({ completionRule: { kind: 'magic' }, media: [{ kind: 'audio', key: '', filename: 'a', size: -1, sha256: 'xyz' }] }),
          ],
        },
        { title: 'N', lessons: 'none' },
      ],
    });
    expect(problemsOf(bad)).toEqual([
      '$.course.title: Title must not be empty',
      '$.course.slug: Slug must be at most 80 lowercase letters, digits and single hyphens',
      '$.course.coverImageUrl: Must be an http or https URL',
      '$.course.language: Unsupported language; expected one of: en, ru, uk, kk, de, fr, es, it, pt, pl, tr, zh, ja, ko, ar',
      '$.course.level: Must be one of: beginner, intermediate, advanced, all',
      '$.course.tags[0]: Each tag must be 1 to 30 characters',
      '$.course.visibility: Must be one of: public, unlisted, private',
      '$.modules[0].lessons[0].status: Must be one of: draft, published',
      '$.modules[0].lessons[0].isFreePreview: Expected boolean',
      '$.modules[0].lessons[0].contentHtml: Expected string',
      '$.modules[0].lessons[0].durationSeconds: Must be a whole number from 0 to 604800',
      '$.modules[0].lessons[0].completionRule.percent: Must be a whole number from 1 to 100',
      '$.modules[0].lessons[0].dripDays: Must be a whole number from 0 to 3650',
      '$.modules[0].lessons[0].dripDate: Must be an ISO 8601 date and time, e.g. 2026-01-31T09:00:00Z',
      '$.modules[0].lessons[1]: Expected object',
      '$.modules[0].lessons[2].completionRule.kind: Unknown completion rule; expected kind: view, video_coverage, quiz_passed, homework_accepted',
      '$.modules[0].lessons[2].media[0].kind: Must be one of: video, pdf',
      '$.modules[0].lessons[2].media[0].key: Required field is missing',
      '$.modules[0].lessons[2].media[0].size: Must be a whole number from 0 to 53687091200',
      '$.modules[0].lessons[2].media[0].sha256: Must be 64 lowercase hexadecimal characters',
      '$.modules[1].lessons: Expected array',
    ]);
  });

  it('lesson HTML over 1 MB', () => {
    const modules = [{ title: 'M', lessons: [lesson({ contentHtml: `<p>${'a'.repeat(1024 * 1024)}</p>` })] }];
    expect(problemsOf(file({ modules }))).toEqual(['$.modules[0].lessons[0].contentHtml: Lesson HTML must be at most 1 MB']);
  });

  it('too many modules and too many lessons in total', () => {
    const modules = Array.from({ length: MODULES_MAX + 1 }, () => ({ title: 'M', lessons: Array.from({ length: 10 }, () => lesson()) }));
    expect(problemsOf(file({ modules }))).toEqual([`$.modules: A course may have at most ${MODULES_MAX} modules`, `$.modules: A course may have at most ${LESSONS_MAX} lessons; this file has ${(MODULES_MAX + 1) * 10}`]);
  });

  it('caps a very long list and says how many more there are', () => {
    const modules = [{ title: 'M', lessons: Array.from({ length: PROBLEMS_MAX + 50 }, () => ({ type: 'text' })) }];
    const r = check(file({ modules }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(PROBLEMS_MAX + 1);
    expect(r.problems.at(-1)).toMatchObject({ path: '$', code: 'moreProblems', params: { count: 50 } });
  });
});

describe('helpers', () => {
  it('jsonPath quotes keys that are not identifiers', () => {
    expect(jsonPath(['modules', 2, 'lessons', 0, 'title'])).toBe('$.modules[2].lessons[0].title');
    expect(jsonPath(['weird key'])).toBe('$["weird key"]');
  });

  it('findJsonSyntaxError agrees with JSON.parse', () => {
    const samples = ['{}', '[]', '"s"', '1e5', '-0.5', 'true', '{"a":[1,{"b":null}]}', '{"a":1,}', '[1,]', '{"a" 1}', '"\\x"', '"\t"', '01', '{"a":1}}', 'nul', '"\\u12G4"', '[' + '['.repeat(10_000)];
    for (const s of samples) {
      let valid = true;
      try {
        JSON.parse(s);
      } catch {
        valid = false;
      }
      expect(findJsonSyntaxError(s) === null, s).toBe(valid);
    }
  });

  it('every problem code has English and Russian text', () => {
    for (const code of problemCodes) {
      expect(en.problems[code], code).toBeTruthy();
      expect(ru.problems[code], code).toBeTruthy();
    }
  });
});
