import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ProblemError } from '../../api/client';
import { useCan } from '../../auth/session';
import { SelectField, TextAreaField, TextField } from '../../ui/field';
import { FormProblem, splitProblem } from '../../ui/form-errors';
import { FormPanel, useForm } from '../../ui/form-panel';
import { TableWrap } from '../../ui/page';
import {
  type BudgetDetail,
  budgetsPath,
  money,
  type PaymentInput,
  parseCents,
  refreshLocal,
  type TransitionInput,
} from './api';

/** The next steps of a budget (circulate, reopen, the SMT's approval, bill, close). */
export function Actions({ b }: { b: BudgetDetail }) {
  const can = useCan();
  const client = useQueryClient();
  const [approving, setApproving] = useState(false);
  const act = useMutation({
    mutationFn: (body: TransitionInput) =>
      api.post<BudgetDetail>(`${budgetsPath}/budgets/${b.id}/transitions`, body),
    onSuccess: async () => {
      setApproving(false);
      await refreshLocal(client);
    },
  });
  const manage = can('costshare.manage');
  const buttons: { label: string; body: TransitionInput; show: boolean }[] = [
    {
      label: 'Circulate in country',
      body: { action: 'circulate', version: b.version },
      show: manage && b.status === 'draft',
    },
    {
      label: 'Issue the bills',
      body: { action: 'bill', version: b.version },
      show: manage && b.status === 'approved',
    },
    { label: 'Close', body: { action: 'close', version: b.version }, show: manage && b.status === 'billed' },
  ];
  const reopen = manage && b.status === 'circulated';
  const approve = can('costshare.local.approve') && b.status === 'circulated';
  if (!buttons.some((x) => x.show) && !reopen && !approve) return null;
  return (
    <section className="panel" aria-label="Next step">
      <h2>Next step</h2>
      {!approving ? (
        <FormProblem error={act.error} other={act.error instanceof ProblemError ? act.error.errors : []} />
      ) : null}
      <div className="lcs-actions">
        {buttons
          .filter((x) => x.show)
          .map((x) => (
            <button
              key={x.label}
              type="button"
              className="button"
              disabled={act.isPending}
              onClick={() => act.mutate(x.body)}
            >
              {x.label}
            </button>
          ))}
        {reopen ? (
          <button
            type="button"
            className="button secondary"
            disabled={act.isPending}
            onClick={() => {
              const reason = window.prompt('Why does the budget go back to draft?');
              if (reason) act.mutate({ action: 'reopen', version: b.version, reason });
            }}
          >
            Back to draft
          </button>
        ) : null}
        {approve && !approving ? (
          <button type="button" className="button" onClick={() => setApproving(true)}>
            Record the SMT’s approval
          </button>
        ) : null}
      </div>
      {approving ? <ApproveForm b={b} mutation={act} onCancel={() => setApproving(false)} /> : null}
    </section>
  );
}

function ApproveForm({
  b,
  mutation,
  onCancel,
}: {
  b: BudgetDetail;
  mutation: { mutate: (body: TransitionInput) => void; isPending: boolean; error: unknown };
  onCancel: () => void;
}) {
  const form = useForm({
    approvedOn: new Date().toISOString().slice(0, 10),
    smtMeetingRef: '',
    smtMembers: '',
  });
  const { byField, other } = splitProblem(mutation.error, ['approvedOn', 'smtMeetingRef', 'smtMembers']);
  const v = form.values;
  return (
    <FormPanel
      title="SMT approval"
      headingLevel="h3"
      submitLabel="Record approval"
      pending={mutation.isPending}
      error={mutation.error}
      other={other}
      onCancel={onCancel}
      onSubmit={() =>
        mutation.mutate({
          action: 'approve',
          version: b.version,
          approvedOn: v.approvedOn,
          smtMeetingRef: v.smtMeetingRef,
          smtMembers: v.smtMembers
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        })
      }
    >
      <TextField
        label="Approved by the SMT on"
        type="date"
        required
        {...form.field('approvedOn')}
        error={byField.approvedOn}
      />
      <TextField
        label="SMT meeting (date, minutes reference)"
        required
        {...form.field('smtMeetingRef')}
        error={byField.smtMeetingRef}
      />
      <TextAreaField
        label="SMT members present (one per line)"
        {...form.field('smtMembers')}
        error={byField.smtMembers}
      />
    </FormPanel>
  );
}

export function Payments({ b }: { b: BudgetDetail }) {
  const can = useCan();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const form = useForm({
    organizationCode: b.shares[0]?.organizationCode ?? '',
    paidOn: new Date().toISOString().slice(0, 10),
    amount: '',
    reference: '',
  });
  const pay = useMutation({
    mutationFn: (body: PaymentInput) =>
      api.post<BudgetDetail>(`${budgetsPath}/budgets/${b.id}/payments`, body),
    onSuccess: async () => {
      setAdding(false);
      await refreshLocal(client);
    },
  });
  const { byField, other } = splitProblem(pay.error, [
    'organizationCode',
    'paidOn',
    'amountCents',
    'reference',
  ]);
  if (b.status !== 'billed' && b.status !== 'closed') return null;
  const v = form.values;
  return (
    <section className="panel" aria-label="Payments">
      <h2>Payments</h2>
      {b.payments.length === 0 ? (
        <p className="muted">No payment recorded.</p>
      ) : (
        <TableWrap label="Payments recorded">
          <table>
            <thead>
              <tr>
                <th>Paid on</th>
                <th>Organization</th>
                <th className="num">Amount</th>
                <th>Reference</th>
              </tr>
            </thead>
            <tbody>
              {b.payments.map((p) => (
                <tr key={p.id}>
                  <td>{p.paidOn}</td>
                  <td>{p.organizationCode}</td>
                  <td className="num">{money(p.amountCents)}</td>
                  <td>{p.reference}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {b.status === 'billed' && can('costshare.manage') && !adding ? (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Record a payment
        </button>
      ) : null}
      {adding ? (
        <FormPanel
          title="Record a payment"
          headingLevel="h3"
          submitLabel="Record"
          pending={pay.isPending}
          error={pay.error}
          other={other}
          onCancel={() => setAdding(false)}
          onSubmit={() =>
            pay.mutate({
              organizationCode: v.organizationCode,
              paidOn: v.paidOn,
              amountCents: parseCents(v.amount),
              reference: v.reference,
            })
          }
        >
          <SelectField
            label="Organization"
            required
            {...form.field('organizationCode')}
            options={b.shares.map((s) => ({
              value: s.organizationCode,
              label: `${s.organizationCode} (owes ${money(s.outstandingCents)})`,
            }))}
            error={byField.organizationCode}
          />
          <TextField label="Paid on" type="date" required {...form.field('paidOn')} error={byField.paidOn} />
          <TextField
            label={`Amount (${b.currency})`}
            inputMode="decimal"
            required
            {...form.field('amount')}
            error={byField.amountCents}
          />
          <TextField label="Reference" {...form.field('reference')} error={byField.reference} />
        </FormPanel>
      ) : null}
    </section>
  );
}
