import type { z } from 'zod';
import en from '@/messages/en/courseTransfer.json';
import { lessonTypes, SLUG_MAX } from '@/lib/course-constants';
import { TAG_MAX } from '@/lib/courses/constants';
import {
  COURSE_FILE_FORMAT,
  COURSE_FILE_MAX_BYTES,
  completionRuleKinds,
  courseFileSchema,
  LESSONS_MAX,
  problemCodes,
  SUPPORTED_VERSIONS,
  type CourseFile,
  type CourseFileProblem,
  type ProblemCode,
} from './format';
import { findJsonSyntaxError } from './json-error';

// Pure validation of an uploaded course file: every problem with its JSON path, in file order.

/** More than this and the list stops helping: the rest are summarised in one last entry. */
export const PROBLEMS_MAX = 200;

export type ValidationResult = { ok: true; data: CourseFile } | { ok: false; problems: CourseFileProblem[] };

type Params = Record<string, string | number>;

function problem(path: string, code: ProblemCode, params?: Params): CourseFileProblem {
  // English text for logs, API callers and tests; the page translates `code` + `params` itself.
  const message = en.problems[code].replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));
  return params ? { path, code, params, message } : { path, code, message };
}

/** `['modules', 2, 'lessons', 0, 'title']` → `$.modules[2].lessons[0].title`. */
export function jsonPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, s) => {
    if (typeof s === 'number') return `${acc}[${s}]`;
    const key = String(s);
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${acc}.${key}` : `${acc}[${JSON.stringify(key)}]`;
  }, '$');
}

const isProblemCode = (m: string): m is ProblemCode => (problemCodes as readonly string[]).includes(m);
/** A short rendering of a bad value for a message (a wrong value may be megabytes long). */
function preview(v: unknown, quoteStrings = false): string {
  const s = typeof v === 'string' && !quoteStrings ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function fromIssue(issue: z.core.$ZodIssue): CourseFileProblem {
  const path = jsonPath(issue.path);
  const code: ProblemCode = isProblemCode(issue.message) ? issue.message : 'invalid';
  const i = issue as z.core.$ZodIssue & { maximum?: number | bigint; expected?: string; values?: unknown[]; params?: Params; input?: unknown; options?: unknown[] };
  switch (code) {
    case 'invalidType':
      return problem(path, code, { expected: i.expected ?? 'another type' });
    case 'tooLong':
    case 'tooManyItems':
    case 'titleTooLong':
    case 'tooManyModules':
    case 'invalidTag':
    case 'invalidSlug':
      return problem(path, code, { max: Number(i.maximum ?? (code === 'invalidSlug' ? SLUG_MAX : code === 'invalidTag' ? TAG_MAX : 0)) });
    case 'outOfRange':
    case 'htmlTooLarge':
      return problem(path, code, i.params);
    case 'invalidOption':
    case 'invalidLanguage':
      return problem(path, code, { options: (i.values ?? []).map(String).join(', ') });
    case 'unknownLessonType':
      return problem(path, code, { value: preview(i.input), options: lessonTypes.join(', ') });
    case 'invalidCompletionRule':
      return problem(path, code, { options: completionRuleKinds.join(', ') });
    case 'wrongFormat':
      return problem(path, code, { expected: COURSE_FILE_FORMAT });
    case 'unsupportedVersion':
      return problem(path, code, { version: preview(i.input, true), supported: SUPPORTED_VERSIONS.join(', ') });
    default:
      return problem(path, code);
  }
}

function utf8Bytes(text: string): number {
  // Each UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 units).
  return text.length * 3 <= COURSE_FILE_MAX_BYTES ? text.length : new TextEncoder().encode(text).length;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, Math.min(offset, text.length));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: CourseFileProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    // V8's wording and whether it names a position vary by version: locate the error ourselves.
    const found = findJsonSyntaxError(text) ?? { offset: text.length, reason: e instanceof Error ? e.message : 'Syntax error' };
    const { line, column } = lineColumn(text, found.offset);
    return { ok: false, problem: problem('$', 'notJson', { detail: found.reason, line, column }) };
  }
}

function cap(problems: CourseFileProblem[]): CourseFileProblem[] {
  if (problems.length <= PROBLEMS_MAX) return problems;
  return [...problems.slice(0, PROBLEMS_MAX), problem('$', 'moreProblems', { count: problems.length - PROBLEMS_MAX })];
}

/**
 * Checks an uploaded course file and reports every problem with its JSON path (up to PROBLEMS_MAX).
 * Pure; the caller has already checked nothing (any string is fine).
 */
export function validateCourseFile(text: string): ValidationResult {
  if (utf8Bytes(text) > COURSE_FILE_MAX_BYTES) return { ok: false, problems: [problem('$', 'tooLarge', { maxMb: COURSE_FILE_MAX_BYTES / 1024 / 1024 })] };
  const parsed = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problems: [problem('$', 'notObject')] };

  const version = (value as { version?: unknown }).version;
  const versionKnown = version === undefined || (typeof version === 'number' && SUPPORTED_VERSIONS.includes(version));
  const problems: CourseFileProblem[] = [];

  // A version this build does not know cannot be judged field by field: say only what is wrong
  // with the header, so the author sees "upgrade Lectern" rather than a list of false alarms.
  if (!versionKnown) {
    const format = (value as { format?: unknown }).format;
    if (format !== COURSE_FILE_FORMAT) problems.push(format === undefined ? problem('$.format', 'required') : problem('$.format', 'wrongFormat', { expected: COURSE_FILE_FORMAT }));
    problems.push(problem('$.version', 'unsupportedVersion', { version: preview(version, true), supported: SUPPORTED_VERSIONS.join(', ') }));
    return { ok: false, problems };
  }

  const result = courseFileSchema.safeParse(value, { reportInput: true });
  if (!result.success) problems.push(...result.error.issues.map(fromIssue));

  // The per-course lesson limit spans modules, so zod's per-array limits cannot express it.
  const modules = (value as { modules?: unknown }).modules;
  if (Array.isArray(modules)) {
    const count = modules.reduce<number>((n, m) => n + (m && typeof m === 'object' && Array.isArray((m as { lessons?: unknown }).lessons) ? (m as { lessons: unknown[] }).lessons.length : 0), 0);
    if (count > LESSONS_MAX) problems.push(problem('$.modules', 'tooManyLessons', { max: LESSONS_MAX, count }));
  }

  if (problems.length || !result.success) return { ok: false, problems: cap(problems) };
  return { ok: true, data: result.data };
}
