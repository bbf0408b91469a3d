import type { SubmissionStatus } from '@/db/schema';

export type AttachmentDto = {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  isImage: boolean;
  hasThumbnail: boolean;
  /** A region snapshot of a course document: the viewer link back to that page and box. */
  source?: { href: string; page: number } | null;
};

export type HomeworkMessageDto = {
  id: string;
  role: 'student' | 'teacher';
  kind: 'submission' | 'comment' | 'returned' | 'accepted';
  authorId: string | null;
  authorName: string;
  bodyHtml: string;
  removed: boolean;
  createdAt: string;
  attachments: AttachmentDto[];
};

export type HomeworkThreadDto = {
  id: string;
  courseId: string;
  courseTitle: string;
  courseSlug: string;
  lessonId: string;
  lessonTitle: string;
  student: { id: string; name: string; email: string };
  status: SubmissionStatus;
  grade: number | null;
  claimedBy: { id: string; name: string } | null;
  submittedAt: string;
  acceptedAt: string | null;
  messages: HomeworkMessageDto[];
};

export type InboxRow = {
  id: string;
  courseTitle: string;
  lessonTitle: string;
  studentName: string;
  studentEmail: string;
  status: SubmissionStatus;
  grade: number | null;
  claimedByName: string | null;
  isClaimedByMe: boolean;
  lastMessageAt: string;
  submittedAt: string;
};
