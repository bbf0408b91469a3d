// Object keys of homework attachments. One thread (a student's submission for one lesson) is one
// prefix, and one lesson's threads share the lesson prefix, so deleting a lesson deletes a prefix.

export const attachmentsPrefix = (courseId: string) => `courses/${courseId}/attachments/`;
export const lessonAttachmentsPrefix = (courseId: string, lessonId: string) => `${attachmentsPrefix(courseId)}${lessonId}/`;
export const threadAttachmentsPrefix = (courseId: string, lessonId: string, studentId: string) => `${lessonAttachmentsPrefix(courseId, lessonId)}${studentId}/`;

/** The stored name: letters, digits, dot, dash and underscore only (the original name is kept in the row). */
export const safeObjectName = (filename: string) => {
  const cleaned = filename.replace(/^.*[\\/]/, '').normalize('NFKD').replace(/[^\w.-]+/g, '_').replace(/^\.+/, '').slice(-80);
  return cleaned || 'file';
};

export const attachmentKey = (courseId: string, lessonId: string, studentId: string, attachmentId: string, filename: string) =>
  `${threadAttachmentsPrefix(courseId, lessonId, studentId)}${attachmentId}/${safeObjectName(filename)}`;
export const thumbnailKeyOf = (key: string) => `${key}.thumb.jpg`;

/** `courses/{c}/attachments/{lesson}/{student}/{attachment}/…` → its parts, or null for other keys. */
export function parseAttachmentKey(key: string) {
  const m = /^courses\/([0-9a-f-]{36})\/attachments\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/(.+)$/.exec(key);
  return m ? { courseId: m[1]!, lessonId: m[2]!, studentId: m[3]!, attachmentId: m[4]!, rest: m[5]! } : null;
}
