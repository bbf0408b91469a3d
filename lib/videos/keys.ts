// Object keys of course media. Everything of a course lives under `courses/{courseId}/`, so a course's
// media is removed with one prefix delete and the storage page can total usage per course.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const courseMediaPrefix = (courseId: string) => `courses/${courseId}/`;
export const videoPrefix = (courseId: string, videoId: string) => `courses/${courseId}/videos/${videoId}/`;
export const videoSourceKey = (courseId: string, videoId: string) => `${videoPrefix(courseId, videoId)}source`;
/** Each processing attempt writes under its own revision prefix (see videos.revision). */
export const videoRevisionPrefix = (courseId: string, videoId: string, revision: number) => `${videoPrefix(courseId, videoId)}r${revision}/`;
export const captionKey = (courseId: string, videoId: string, lang: string, id: string) => `${videoPrefix(courseId, videoId)}captions/${lang}-${id}.vtt`;

const videoKeyPattern = new RegExp(`^courses/(${UUID})/videos/(${UUID})/(.*)$`);

/** The course and video a key belongs to, or null for keys outside the video layout. */
export function parseVideoKey(key: string): { courseId: string; videoId: string; rest: string } | null {
  const m = videoKeyPattern.exec(key);
  return m ? { courseId: m[1]!, videoId: m[2]!, rest: m[3]! } : null;
}
