import { useState } from 'react';
import { api } from '../api/client';
import type { SrmAction, SrmActionBody, SrmDetail } from '../api/srm-types';
import { useCan } from '../auth/session';
import { ConflictNotice } from '../threats/conflict';
import { today } from '../threats/levels';
import { TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalText, useForm } from '../ui/form-panel';
import { ActionProblem, useSrmWrite } from './use-srm-write';

/**
 * The approval chain's buttons: the DO approves a draft after consulting the SMT (the date is
 * required and recorded), the desk endorses an approved SRM, and either returns it for changes.
 * Only what the user's permissions and the SRM's status allow is shown; the server still refuses
 * someone approving or endorsing their own draft, and that refusal is shown as it says it.
 */
export function SrmWorkflow({ srm }: { srm: SrmDetail }) {
  const can = useCan();
  const [open, setOpen] = useState<'approve' | 'return' | null>(null);
  const { mutation: endorse, reload } = useSrmWrite(() =>
    api.post<SrmDetail>(`/srm/${srm.id}/endorse`, { version: srm.version } satisfies SrmActionBody),
  );
  const canApprove = can('srm.approve');
  const canEndorse = can('srm.endorse');
  const mayReturn = (canApprove || canEndorse) && (srm.status === 'approved' || srm.status === 'endorsed');

  return (
    <>
      <div className="workflow" data-testid="srm-workflow">
        {srm.status === 'draft' && canApprove && open !== 'approve' ? (
          <button type="button" className="button" onClick={() => setOpen('approve')}>
            Approve SRM…
          </button>
        ) : null}
        {srm.status === 'approved' && canEndorse ? (
          <button
            type="button"
            className="button"
            disabled={endorse.isPending}
            onClick={() => endorse.mutate(undefined)}
          >
            {endorse.isPending ? 'Endorsing…' : 'Endorse SRM'}
          </button>
        ) : null}
        {mayReturn && open !== 'return' ? (
          <button type="button" className="button secondary" onClick={() => setOpen('return')}>
            Return for changes…
          </button>
        ) : null}
        <ActionProblem error={endorse.error} what="SRM" onReload={reload} />
      </div>
      {open ? <SrmActionForm srm={srm} action={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function SrmActionForm({
  srm,
  action,
  onClose,
}: {
  srm: SrmDetail;
  action: Exclude<SrmAction, 'endorse'>;
  onClose: () => void;
}) {
  const { values, field } = useForm({ smtConsultedOn: srm.smtConsultedOn ?? today(), smtNote: '' });
  const { mutation, conflict, reload } = useSrmWrite(
    () =>
      api.post<SrmDetail>(`/srm/${srm.id}/${action}`, {
        version: srm.version,
        ...(action === 'approve' ? { smtConsultedOn: values.smtConsultedOn } : {}),
        smtNote: optionalText(values.smtNote),
      } satisfies SrmActionBody),
    onClose,
  );
  const { byField, other } = splitProblem(mutation.error, ['smtConsultedOn', 'smtNote']);

  return (
    <FormPanel
      title={action === 'approve' ? 'Approve this SRM' : 'Return this SRM for changes'}
      submitLabel={action === 'approve' ? 'Approve SRM' : 'Return to draft'}
      pending={mutation.isPending}
      error={conflict ? null : mutation.error}
      other={other}
      onSubmit={() => mutation.mutate(undefined)}
      onCancel={onClose}
    >
      {conflict ? <ConflictNotice what="SRM" onReload={reload} /> : null}
      {action === 'approve' ? (
        <>
          <p className="hint span-all">
            The Designated Official approves after consulting the Security Management Team; the date is
            recorded with the approval.
          </p>
          <TextField
            label="SMT consulted on"
            type="date"
            {...field('smtConsultedOn')}
            error={byField.smtConsultedOn}
            required
          />
        </>
      ) : null}
      <div className="span-all">
        <TextField
          label={action === 'approve' ? 'SMT note' : 'What needs to change'}
          {...field('smtNote')}
          error={byField.smtNote}
          maxLength={4000}
        />
      </div>
    </FormPanel>
  );
}
