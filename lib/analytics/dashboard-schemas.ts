import { z } from 'zod';
import { studentSorts } from './dashboard-dto';

// The course dashboard's student list: search, sort and page from the URL (and the CSV export,
// which takes the same search and sort but no page).
export const STUDENT_PAGE_SIZE = 25;
export const STUDENT_CSV_MAX_ROWS = 10_000;

export const studentListSchema = z.object({
  q: z.string().trim().max(100).catch('').default(''),
  sort: z.enum(studentSorts).catch('lastActivity').default('lastActivity'),
  dir: z.enum(['asc', 'desc']).catch('desc').default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type StudentListInput = z.output<typeof studentListSchema>;
