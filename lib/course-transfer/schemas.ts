import { z } from 'zod';
import { COURSE_FILE_MAX_BYTES } from './format';

// The file's text as read in the browser; its contents are checked by validateCourseFile, which
// reports problems by JSON path. Characters ≤ bytes, so this cap never refuses a file within the limit.
export const importCourseSchema = z.object({
  text: z.string({ error: 'courseTransfer.fileRequired' }).min(1, 'courseTransfer.fileRequired').max(COURSE_FILE_MAX_BYTES, 'courseTransfer.fileTooLarge'),
});
export type ImportCourseInput = z.infer<typeof importCourseSchema>;
