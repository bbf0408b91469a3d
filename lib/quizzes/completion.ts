import 'server-only';
import { and, eq } from 'drizzle-orm';
import { quizAttempts } from '@/db/schema';
import { registerCompletionChecker } from '@/lib/learning/progress';

// `quiz_passed` completion: met once any attempt of the student on this quiz lesson passed.
// Imported by the attempt mutations so the checker is registered whenever quizzes are graded.
registerCompletionChecker('quiz_passed', async (tx, userId, lessonId) => {
  const [row] = await tx
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.lessonId, lessonId), eq(quizAttempts.passed, true)))
    .limit(1);
  return Boolean(row);
});
