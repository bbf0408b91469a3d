import type { z } from 'zod';
import type { FieldErrors } from './errors';

/** A message that is an i18n key (`namespace.key`, e.g. `validation.required`, `courseValidation.slugTaken`), not free text. */
export const isMessageKey = (message: string) => /^[a-zA-Z]+\.[a-zA-Z]+$/.test(message);

/** Flattens zod issues into `{ "field.path": ["i18n.key", …] }`. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    // Schemas give i18n keys as messages; zod's own fallbacks are mapped to generic keys.
    const message = isMessageKey(issue.message) ? issue.message : genericKey(issue);
    // One message per field: the first rule that failed is the one to fix first.
    out[key] ??= [message];
  }
  return out;
}

function genericKey(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      return 'validation.tooLong';
    case 'too_small':
      return 'validation.required';
    case 'invalid_type':
      return 'validation.required';
    default:
      return 'validation.invalid';
  }
}

/** FormData → plain object, keeping repeated keys as arrays. Files are dropped (uploads go elsewhere). */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith('$ACTION')) continue;
    if (typeof v !== 'string') continue;
    if (k in out) {
      const prev = out[k];
      out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
    } else out[k] = v;
  }
  return out;
}
