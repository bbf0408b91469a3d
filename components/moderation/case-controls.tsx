'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { TextareaField } from '@/components/courses/textarea-field';
import { Button } from '@/components/ui/button';
import { Field, Select, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionResult } from '@/lib/errors';
import { actOnCaseAction, addCaseNoteAction, assignCaseAction, revertCaseDecisionAction } from '@/lib/moderation/actions';
import type { ModerationActionType } from '@/lib/moderation/constants';
import type { StaffOption } from '@/lib/moderation/dto';
import { KeyboardHelp } from './case-bits';
import { ReasonDialog } from './reason-dialog';
import { useTriageKeys } from './use-triage-keys';

type Props = {
  caseId: string;
  version: number;
  active: boolean;
  canDecide: boolean;
  assigneeId: string | null;
  meId: string;
  staff: StaffOption[];
  allowedActions: ModerationActionType[];
  prevId: string | null;
  nextId: string | null;
};

/** Runs a case action; on CONFLICT (another moderator acted) says so and reloads the case. */
function useCaseRunner() {
  const t = useTranslations('moderation.case');
  const router = useRouter();
  const [pending, start] = useTransition();
  // A CONFLICT (another moderator acted first) is shown and the case reloaded, like any other outcome.
  const run = (call: () => Promise<ActionResult<unknown>>) =>
    new Promise<boolean>((resolve) =>
      start(async () => {
        const r = await call();
        if (r.ok) toast.success(t('saved'));
        else toast.error(r.error.message);
        router.refresh();
        resolve(r.ok);
      }),
    );
  return { run, pending };
}

/** Assignment, the decision form and keyboard triage (j/k next/previous case, a assign to me, d dismiss). */
export function CaseControls({ caseId, version, active, canDecide, assigneeId, meId, staff, allowedActions, prevId, nextId }: Props) {
  const t = useTranslations('moderation');
  const router = useRouter();
  const { run, pending } = useCaseRunner();
  const [other, setOther] = useState('');
  const [type, setType] = useState<ModerationActionType | ''>('');
  const dismissRef = useRef<HTMLDialogElement>(null);
  // On CONFLICT the server's message is shown in the form and the case reloaded under it.
  const decide = async (input: Parameters<typeof actOnCaseAction>[0]) => {
    const r = await actOnCaseAction(input);
    if (!r.ok && r.error.code === 'CONFLICT') {
      toast.error(r.error.message);
      router.refresh();
    }
    return r;
  };
  const form = useActionForm(decide, {
    transform: (v) => ({ ...v, caseId, expectedVersion: version }),
    onSuccess: (_d, f) => {
      toast.success(t('case.saved'));
      f.reset();
      setType('');
      router.refresh();
    },
  });
  const assign = (assigneeId: string | null | undefined) => run(() => assignCaseAction({ caseId, expectedVersion: version, assigneeId }));

  useTriageKeys({
    j: () => nextId && router.push(`/moderation/cases/${nextId}`),
    k: () => prevId && router.push(`/moderation/cases/${prevId}`),
    a: () => active && assigneeId !== meId && assign(undefined),
    d: () => active && canDecide && dismissRef.current?.showModal(),
  });

  return (
    <div className="space-y-6">
      <KeyboardHelp id="case-keys" only={['j', 'k', 'a', 'd']} />
      {active && (
        <section aria-labelledby="assign-h" className="space-y-3">
          <h2 id="assign-h" className="font-semibold">
            {t('case.assignTitle')}
          </h2>
          <div className="flex flex-wrap items-end gap-2">
            {assigneeId !== meId && (
              <Button variant="secondary" size="sm" disabled={pending} onClick={() => assign(undefined)}>
                {t('case.assignMe')}
              </Button>
            )}
            {assigneeId && (
              <Button variant="ghost" size="sm" disabled={pending} onClick={() => assign(null)}>
                {t('case.unassign')}
              </Button>
            )}
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="assign-other" className="block text-sm font-medium">
                {t('case.assignTo')}
              </label>
              <Select id="assign-other" value={other} onChange={(e) => setOther(e.target.value)}>
                <option value="">—</option>
                {staff
                  .filter((s) => s.id !== assigneeId)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name || s.email}
                    </option>
                  ))}
              </Select>
            </div>
            <Button variant="secondary" size="sm" disabled={!other || pending} onClick={() => assign(other)}>
              {t('case.assign')}
            </Button>
          </div>
        </section>
      )}
      {active && canDecide && (
        <section aria-labelledby="decide-h">
          <h2 id="decide-h" className="mb-3 font-semibold">
            {t('case.decideTitle')}
          </h2>
          <form onSubmit={form.onSubmit} className="space-y-3" noValidate>
            <Field id="f-type" label={t('case.action')} errors={form.errorsFor('type')}>
              <Select id="f-type" name="type" required value={type} onChange={(e) => setType(e.target.value as ModerationActionType)}>
                <option value="">—</option>
                {allowedActions.map((a) => (
                  <option key={a} value={a}>
                    {t(`actions.${a}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <TextareaField name="reason" label={t('case.reason')} hint={t('case.reasonHint')} required maxLength={1000} rows={3} errors={form.errorsFor('reason')} />
            {type === 'suspend_user' && <TextField name="suspendDays" type="number" min={1} max={3650} label={t('case.suspendDays')} hint={t('case.suspendDaysHint')} errors={form.errorsFor('suspendDays')} />}
            <FormError message={form.formError} />
            <Button type="submit" disabled={form.pending || !type}>
              {t('case.apply')}
            </Button>
          </form>
        </section>
      )}
      <ReasonDialog
        dialogRef={dismissRef}
        title={t('actions.dismiss')}
        label={t('queue.dismissReason')}
        confirmLabel={t('queue.confirmDismiss')}
        onConfirm={(reason) => run(() => actOnCaseAction({ caseId, expectedVersion: version, type: 'dismiss', reason }))}
      />
    </div>
  );
}

/** Reverts one action (asks for a reason). */
export function RevertButton({ actionId, version, label }: { actionId: string; version: number; label: string }) {
  const t = useTranslations('moderation.case');
  const { run, pending } = useCaseRunner();
  const ref = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button size="sm" variant="secondary" disabled={pending} onClick={() => ref.current?.showModal()}>
        {t('revert')}
      </Button>
      <ReasonDialog
        dialogRef={ref}
        title={t('revertTitle', { action: label })}
        label={t('revertReason')}
        confirmLabel={t('confirmRevert')}
        confirmVariant="danger"
        onConfirm={(reason) => run(() => revertCaseDecisionAction({ actionId, expectedVersion: version, reason }))}
      />
    </>
  );
}

/** Adds an internal note. */
export function NoteForm({ caseId }: { caseId: string }) {
  const t = useTranslations('moderation.case');
  const router = useRouter();
  const form = useActionForm(addCaseNoteAction, {
    transform: (v) => ({ ...v, caseId }),
    onSuccess: (_d, f) => {
      f.reset();
      router.refresh();
    },
  });
  return (
    <form onSubmit={form.onSubmit} className="space-y-2" noValidate>
      <TextareaField name="body" label={t('note')} hint={t('notesHint')} required maxLength={4000} rows={3} errors={form.errorsFor('body')} />
      <FormError message={form.formError} />
      <Button type="submit" variant="secondary" disabled={form.pending}>
        {t('addNote')}
      </Button>
    </form>
  );
}

