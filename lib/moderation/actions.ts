'use server';

import { revalidatePath } from 'next/cache';
import { authedAction, publicAction } from '@/lib/action';
import { getSessionUser } from '@/lib/auth/session';
import { createReport } from './create-report';
import { addNote, assignCase, bulkCases, revertAction, takeAction } from './mutations';
import { addNoteSchema, assignCaseSchema, bulkCasesSchema, createReportSchema, revertActionSchema, takeActionSchema } from './schemas';

const moderators = ['moderator', 'admin'] as const;

function refresh(caseId?: string) {
  revalidatePath('/moderation');
  if (caseId) revalidatePath(`/moderation/cases/${caseId}`);
}

/**
 * Public: visitors who are not signed in may report a public course with an email address; everything
 * else needs a session (UNAUTHENTICATED otherwise). The mutation checks that the reporter can see the target.
 */
export const createReportAction = publicAction('createReport', { schema: createReportSchema }, async (input, ctx) => createReport(await getSessionUser(), input, ctx));

export const assignCaseAction = authedAction('assignCase', { schema: assignCaseSchema, roles: moderators }, async (input, ctx) => {
  const r = await assignCase(ctx.actor, input, ctx);
  refresh(r.caseId);
  return r;
});

export const addCaseNoteAction = authedAction('addCaseNote', { schema: addNoteSchema, roles: moderators }, async (input, ctx) => {
  const r = await addNote(ctx.actor, input, ctx);
  refresh(input.caseId);
  return r;
});

/** Suspension is admin-only and moderators cannot act on admins: checked by the mutation against the case's owner. */
export const actOnCaseAction = authedAction('actOnCase', { schema: takeActionSchema, roles: moderators }, async (input, ctx) => {
  const r = await takeAction(ctx.actor, input, ctx);
  refresh(r.caseId);
  return r;
});

export const revertCaseDecisionAction = authedAction('revertCaseDecision', { schema: revertActionSchema, roles: moderators }, async (input, ctx) => {
  const r = await revertAction(ctx.actor, input, ctx);
  refresh(r.caseId);
  return r;
});

export const bulkCasesAction = authedAction('bulkCases', { schema: bulkCasesSchema, roles: moderators }, async (input, ctx) => {
  const r = await bulkCases(ctx.actor, input, ctx);
  refresh();
  return r;
});
