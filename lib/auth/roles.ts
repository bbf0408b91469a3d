import type { CourseMemberRole } from '@/lib/course-constants';
import type { PlatformRole } from '@/lib/constants';

// Pure role rules, unit-tested; the database reads live in permissions.ts.
export function hasPlatformRole(role: PlatformRole, allowed: readonly PlatformRole[]): boolean {
  return allowed.includes(role);
}

const courseRank: Record<CourseMemberRole, number> = { editor: 1, owner: 2 };

/** An owner can do everything an editor can. */
export function hasCourseRole(role: CourseMemberRole | null, needed: CourseMemberRole): boolean {
  return role !== null && courseRank[role] >= courseRank[needed];
}

/** Navigation areas each platform role sees. */
export function navAreas(role: PlatformRole) {
  return {
    learning: true,
    authoring: role === 'author' || role === 'admin',
    moderation: role === 'moderator' || role === 'admin',
    admin: role === 'admin',
  };
}

/** A block without an end (admin block, permanent suspension) or a suspension that has not ended yet. */
export function isBlockedAt(user: { blockedAt: Date | null; blockedUntil: Date | null }, now = new Date()): boolean {
  return user.blockedAt !== null && (user.blockedUntil === null || user.blockedUntil > now);
}
