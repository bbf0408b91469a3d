import { Card } from '@/components/ui/card';
import { getQuizEditor } from '@/lib/quizzes/queries';
import { QuizEditor } from './quiz-editor';

/** Server part of the quiz editor. The page has checked the editor role and that the lesson is a quiz of the course. */
export async function QuizEditorSection({ courseId, lessonId }: { courseId: string; lessonId: string }) {
  const data = await getQuizEditor(courseId, lessonId);
  return (
    <Card className="mb-6">
      <QuizEditor data={data} />
    </Card>
  );
}
