import 'server-only';
import { and, eq } from 'drizzle-orm';
import { homeworkSubmissions } from '@/db/schema';
import { registerCompletionChecker } from '@/lib/learning/progress';

// `homework_accepted`: the lesson is done when a teacher accepted the student's submission. Accepting
// also completes the lesson directly (lib/homework/mutations.ts); this answers for re-evaluations.
registerCompletionChecker('homework_accepted', async (tx, userId, lessonId) => {
  const row = await tx.query.homeworkSubmissions.findFirst({
    where: and(eq(homeworkSubmissions.lessonId, lessonId), eq(homeworkSubmissions.studentId, userId), eq(homeworkSubmissions.status, 'accepted')),
    columns: { id: true },
  });
  return Boolean(row);
});
