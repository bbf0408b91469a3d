import type { SessionUser } from '@/lib/auth/session';
import { getQuizTaking } from '@/lib/quizzes/queries';
import { QuizTaker } from './quiz-taker';

/**
 * Server part of the quiz on a student's lesson page. The page has checked the lesson is open to the
 * viewer; only enrolled students (and staff) take it, a visitor on a free preview reads it.
 */
export async function QuizLesson({ viewer, courseId, lessonId, canTake }: { viewer: SessionUser | null; courseId: string; lessonId: string; canTake: boolean }) {
  const quiz = await getQuizTaking(viewer, { courseId, lessonId, canTake });
  return <QuizTaker quiz={quiz} />;
}
