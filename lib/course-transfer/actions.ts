'use server';

import { revalidatePath } from 'next/cache';
import { authedAction } from '@/lib/action';
import type { CourseFileProblem } from './format';
import { importCourse } from './import';
import { importCourseSchema } from './schemas';

/** Either the new course or every problem with the file (nothing was written then). */
export type ImportCourseActionData = { courseId: string; slug: string; problems?: never } | { courseId?: never; problems: CourseFileProblem[] };

// Send the text inside FormData: a multipart body carries it as is, while a plain argument would be
// JSON-escaped (a JSON file grows by every quote). next.config.mjs raises the body limit to fit 20 MB.
export const importCourseAction = authedAction('importCourse', { schema: importCourseSchema, roles: ['author', 'admin'] }, async (input, ctx): Promise<ImportCourseActionData> => {
  const r = await importCourse(ctx.actor, input.text, ctx);
  if (!r.ok) return { problems: r.problems };
  revalidatePath('/courses');
  return { courseId: r.courseId, slug: r.slug };
});
