import 'server-only';

// Quiz writes, one module per concern: authoring (settings, questions, order) and attempts.
export { deleteQuestion, moveQuestion, saveQuestion, updateQuizSettings } from './authoring';
export { closeExpiredAttempts, gradeAttempt, saveAnswers, startAttempt, submitAttempt } from './attempts';
