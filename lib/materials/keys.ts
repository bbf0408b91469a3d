import { safeObjectName } from '@/lib/attachments/keys';

// Object keys of course materials: one prefix per material, one sub-prefix per file revision, so a
// replaced file (and its thumbnails) is one prefix delete.

export const materialPrefix = (courseId: string, materialId: string) => `courses/${courseId}/materials/${materialId}/`;
export const materialRevisionPrefix = (courseId: string, materialId: string, revision: number) => `${materialPrefix(courseId, materialId)}r${revision}/`;
export const materialFileKey = (courseId: string, materialId: string, revision: number, filename: string) => `${materialRevisionPrefix(courseId, materialId, revision)}${safeObjectName(filename)}`;
export const materialThumbKey = (courseId: string, materialId: string, revision: number, page: number) => `${materialRevisionPrefix(courseId, materialId, revision)}pages/${page}.webp`;
