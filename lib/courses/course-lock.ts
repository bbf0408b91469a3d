import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/factory';
import { courses } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** Request facts recorded with every audit event. */
export type Meta = { ip?: string; requestId?: string };

/**
 * Locks the course row (the aggregate root) for the rest of the transaction, so settings, members,
 * status and outline changes to one course never interleave. NOT_FOUND when it does not exist.
 */
export async function lockCourse(tx: Tx, courseId: string) {
  const [row] = await tx.select().from(courses).where(eq(courses.id, courseId)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
