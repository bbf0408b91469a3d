import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { auditEvents, users } from '../../db/schema';
import type { PlatformRole } from '../../lib/constants';
import { db, expect, signIn, test } from '../fixtures';

// Every server action is a public POST endpoint. This calls each one directly (action id from the
// build manifest, no UI) as every role and checks the wrapper refuses what the role may not do.
type Policy = 'public' | 'signedIn' | PlatformRole[];
const staff: PlatformRole[] = ['author', 'admin'];
const moderators: PlatformRole[] = ['moderator', 'admin'];
const policy: Record<string, Policy> = {
  signInAction: 'public',
  signUpAction: 'public',
  signOutAction: 'public',
  resetPasswordAction: 'public',
  setupAdminAction: 'public',
  $$RSC_SERVER_ACTION_0: 'public', // OAuth sign-in button (inline action)
  updatePreferencesAction: 'signedIn',
  changePasswordAction: 'signedIn',
  enrollAction: 'signedIn',
  markLessonCompleteAction: 'signedIn',
  updatePlaybackPrefsAction: 'signedIn',
  joinCourseAction: 'signedIn',
  unenrollAction: 'signedIn',
  submitHomeworkAction: 'signedIn', // enrollment and lesson lock are checked by the mutation
  markNotificationsReadAction: 'signedIn',
  reviewHomeworkAction: staff, // course role checked by the mutation
  claimHomeworkAction: staff,
  clearSearchHistoryAction: 'signedIn', // only the caller's own history
  deleteMaterialAction: staff, // course editor role checked by the mutation
  renameMaterialAction: staff,
  reextractMaterialAction: staff,
  startQuizAttemptAction: 'signedIn',
  saveQuizAnswersAction: 'signedIn',
  submitQuizAttemptAction: 'signedIn',
  changeUserRoleAction: ['admin'],
  setUserBlockedAction: ['admin'],
  createPasswordResetLinkAction: ['admin'],
  updateSettingsAction: ['admin'],
  // Course authoring: the platform role is checked by the wrapper, the course role by the mutation.
  ...Object.fromEntries(
    [
      'createCourseAction', 'updateCourseSettingsAction', 'inviteEditorAction', 'removeEditorAction', 'transferOwnershipAction', 'duplicateCourseAction',
      'archiveCourseAction', 'restoreCourseAction', 'deleteCourseAction', 'publishCourseAction', 'unpublishCourseAction',
      'createModuleAction', 'renameModuleAction', 'deleteModuleAction', 'moveModuleAction', 'createLessonAction', 'renameLessonAction',
      'deleteLessonsAction', 'moveLessonsAction', 'undoOutlineAction', 'redoOutlineAction', 'updateLessonAction',
      'addStudentsAction', 'removeStudentAction', 'cancelInviteAction', 'regenerateInviteLinkAction',
      'retryVideoAction', 'deleteVideoAction', 'attachVideoAction', 'deleteCaptionsAction', 'unlockLessonAction',
      'updateQuizSettingsAction', 'saveQuestionAction', 'deleteQuestionAction', 'moveQuestionAction', 'gradeQuizAttemptAction',
    ].map((name) => [name, staff]),
  ),
  deleteCourseMediaAction: ['admin'],
  // Moderation: visitors may report a public course (with an email); the mutation checks the target.
  createReportAction: 'public',
  // Suspension (admins only), escalated cases and acting on admins are checked by the mutation.
  ...Object.fromEntries(['assignCaseAction', 'addCaseNoteAction', 'actOnCaseAction', 'revertCaseDecisionAction', 'bulkCasesAction'].map((name) => [name, moderators])),
};

type Action = { id: string; name: string; file: string; page: string };

/** Actions from the build manifest, each with a page that serves it (Next resolves an action id per page). */
function manifestActions(): Action[] {
  const dist = process.env.NEXT_DIST_DIR ?? '.next';
  const m = JSON.parse(fs.readFileSync(path.join(dist, 'server', 'server-reference-manifest.json'), 'utf8'));
  return Object.entries<{ exportedName: string; filename: string; workers: Record<string, unknown> }>(m.node).map(([id, v]) => {
    const pages = Object.keys(v.workers)
      .filter((w) => w.endsWith('/page') && !w.includes('['))
      .map((w) => w.replace(/^app/, '').replace(/\/\([^)]+\)/g, '').replace(/\/page$/, '') || '/');
    return { id, name: v.exportedName, file: v.filename, page: pages[0] ?? '/' };
  });
}

async function callAction(request: APIRequestContext, action: Action, input: unknown) {
  const res = await request.post(action.page, {
    headers: { 'Next-Action': action.id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component' },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  return { status: res.status(), body: await res.text() };
}

const codeOf = (body: string) => body.match(/"code":"([A-Z_]+)"/)?.[1] ?? null;

test('every action in the build has a declared access policy', () => {
  const names = manifestActions().map((a) => a.name);
  expect(names.filter((n) => !(n in policy))).toEqual([]);
});

test('anonymous callers get UNAUTHENTICATED from every signed-in action', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  for (const a of manifestActions()) {
    if (policy[a.name] === 'public') continue;
    const { body } = await callAction(request, a, {});
    expect([a.name, codeOf(body)]).toEqual([a.name, 'UNAUTHENTICATED']);
  }
  await request.dispose();
});

for (const role of ['student', 'author', 'moderator'] as const) {
  test(`a ${role} gets FORBIDDEN from admin actions and nothing is written`, async ({ browser, makeUser }) => {
    const me = await makeUser({ role });
    const victim = await makeUser({ role: 'student' });
    const ctx = await browser.newContext();
    await signIn(await ctx.newPage(), me);
    const inputs: Record<string, unknown> = {
      changeUserRoleAction: { userId: victim.id, role: 'admin' },
      setUserBlockedAction: { userId: victim.id, blocked: true },
      createPasswordResetLinkAction: { userId: victim.id },
      updateSettingsAction: { registrationOpen: false },
    };
    for (const a of manifestActions()) {
      const p = policy[a.name];
      if (!Array.isArray(p) || p.includes(role)) continue;
      const { body } = await callAction(ctx.request, a, inputs[a.name] ?? {});
      expect([a.name, codeOf(body)]).toEqual([a.name, 'FORBIDDEN']);
    }
    const after = await db.query.users.findFirst({ where: eq(users.id, victim.id) });
    expect(after).toMatchObject({ role: 'student', blockedAt: null, sessionVersion: victim.sessionVersion });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.targetId, victim.id))).toEqual([]);
    // Registration is still open: the settings write was refused too.
    const signup = await ctx.request.get('/signup');
    expect(await signup.text()).toContain('Create account');
    await ctx.close();
  });
}

test('an admin calling the same actions directly gets through, with validation on bad input', async ({ browser, makeUser }) => {
  const admin = await makeUser({ role: 'admin' });
  const target = await makeUser({ role: 'student' });
  const ctx = await browser.newContext();
  await signIn(await ctx.newPage(), admin);
  const byName = Object.fromEntries(manifestActions().map((a) => [a.name, a]));
  const bad = await callAction(ctx.request, byName.changeUserRoleAction!, { userId: 'not-a-uuid', role: 'king' });
  expect(codeOf(bad.body)).toBe('VALIDATION');
  const ok = await callAction(ctx.request, byName.changeUserRoleAction!, { userId: target.id, role: 'author' });
  expect(ok.body).toContain('"ok":true');
  expect((await db.query.users.findFirst({ where: eq(users.id, target.id) }))!.role).toBe('author');
  await ctx.close();
});

test('oversized form input is refused with field errors and nothing is written', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const signUp = manifestActions().find((a) => a.name === 'signUpAction')!;
  const email = `big-${Date.now()}@test.lectern`;
  const { body } = await callAction(request, signUp, { name: 'x'.repeat(5000), email, password: 'p'.repeat(10_000) });
  expect(codeOf(body)).toBe('VALIDATION');
  expect(body).toContain('validation.nameTooLong');
  expect(body).toContain('validation.passwordTooLong');
  expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  await request.dispose();
});
