import { describe, expect, it } from 'vitest';
import { hasCourseRole, navAreas } from './roles';

describe('course roles', () => {
  it('lets an owner do what an editor can, not the reverse', () => {
    expect(hasCourseRole('owner', 'editor')).toBe(true);
    expect(hasCourseRole('editor', 'owner')).toBe(false);
    expect(hasCourseRole(null, 'editor')).toBe(false);
  });
});

describe('navAreas', () => {
  it('shows each role only its areas', () => {
    expect(navAreas('student')).toEqual({ learning: true, authoring: false, moderation: false, admin: false });
    expect(navAreas('author')).toMatchObject({ authoring: true, admin: false });
    expect(navAreas('moderator')).toMatchObject({ moderation: true, authoring: false, admin: false });
    expect(navAreas('admin')).toEqual({ learning: true, authoring: true, moderation: true, admin: true });
  });
});
