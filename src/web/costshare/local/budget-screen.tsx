import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ProblemError } from '../../api/client';
import { useCan } from '../../auth/session';
import { Link } from '../../router/router';
import { SelectField, TextAreaField, TextField } from '../../ui/field';
import { FormProblem, splitProblem } from '../../ui/form-errors';
import { FormPanel, useForm } from '../../ui/form-panel';
import { formatDateTime, PageHeader, TableWrap } from '../../ui/page';
import { ErrorState, Loading } from '../../ui/states';
import {
  type BudgetDetail,
  budgetsPath,
  type Category,
  money,
  type PaymentInput,
  parseCents,
  refreshLocal,
  STATUS_TEXT,
  type TransitionInput,
  useBudget,
  useCategories,
  useHistory,
} from './api';
import { LocalNav } from './nav';
import './local.css';

/**
 * One country's budget: lines (edited while a draft), the double-charging check against costs
 * funded jointly, each organization's share and where its headcount comes from, the calendar,
 * the SMT approval, payments and every saved version.
 */
export default function LocalBudgetScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const budget = useBudget(id);
  const categories = useCategories();
  if (budget.isPending || categories.isPending) return <Loading />;
  if (budget.isError) return <ErrorState error={budget.error} onRetry={() => budget.refetch()} />;
  if (categories.isError) return <ErrorState error={categories.error} onRetry={() => categories.refetch()} />;
  return <Budget b={budget.data} categories={categories.data} />;
}

function Budget({ b, categories }: { b: BudgetDetail; categories: Category[] }) {
  const can = useCan();
  const [editing, setEditing] = useState(false);
  return (
    <>
      <PageHeader
        title={`${b.countryName} security budget ${b.year}`}
        description={
          <>
            <span className={`lcs-status lcs-${b.status}`}>{STATUS_TEXT[b.status]}</span> · total{' '}
            <strong>
              {money(b.totalCents)} {b.currency}
            </strong>{' '}
            · version {b.version}
          </>
        }
        actions={<Link to={budgetsPath}>All budgets</Link>}
      />
      <LocalNav current="budgets" />
      <Check b={b} />
      <section className="panel" aria-label="Lines">
        <h2>Lines</h2>
        {editing ? (
          <LinesEditor b={b} categories={categories} onDone={() => setEditing(false)} />
        ) : (
          <>
            <LinesTable b={b} />
            {b.status === 'draft' && can('costshare.manage') ? (
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit lines
              </button>
            ) : null}
          </>
        )}
      </section>
      <Shares b={b} />
      <Calendar b={b} />
      <Actions b={b} />
      <Payments b={b} />
      <History id={b.id} />
    </>
  );
}

function Check({ b }: { b: BudgetDetail }) {
  const c = b.doubleChargeCheck;
  return (
    <section
      className={`panel ${c.ok ? 'lcs-check-ok' : 'lcs-check-fail'}`}
      aria-label="Double-charging check"
    >
      <h2>Costs already funded jointly</h2>
      {c.ok ? (
        <p>
          No line charges a cost already funded jointly ({c.registerEntries} entries of the register apply in{' '}
          {b.countryCode}).
        </p>
      ) : (
        <>
          <p role="alert">
            These lines charge costs already funded jointly and must not be charged again locally:
          </p>
          <ul>
            {c.findings.map((f) => (
              <li key={`${f.line}:${f.costId}`}>{f.message}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function LinesTable({ b }: { b: BudgetDetail }) {
  if (b.lines.length === 0) return <p className="muted">No lines yet.</p>;
  return (
    <TableWrap label="Budget lines">
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Category</th>
            <th>Description</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {b.lines.map((l) => (
            <tr key={l.position}>
              <td>{l.position}</td>
              <td>{l.categoryName}</td>
              <td>{l.description}</td>
              <td className="num">
                {money(l.amountCents)} {l.currency}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {b.categoryTotals
            .filter((c) => c.amountCents > 0)
            .map((c) => (
              <tr key={c.categoryCode}>
                <td />
                <td colSpan={2} className="muted">
                  {c.name}
                </td>
                <td className="num">{money(c.amountCents)}</td>
              </tr>
            ))}
        </tfoot>
      </table>
    </TableWrap>
  );
}

interface DraftLine {
  categoryCode: string;
  description: string;
  amount: string;
}

function LinesEditor({
  b,
  categories,
  onDone,
}: {
  b: BudgetDetail;
  categories: Category[];
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [lines, setLines] = useState<DraftLine[]>(
    b.lines.length
      ? b.lines.map((l) => ({
          categoryCode: l.categoryCode,
          description: l.description,
          amount: money(l.amountCents),
        }))
      : [{ categoryCode: categories[0]?.code ?? '', description: '', amount: '' }],
  );
  const save = useMutation({
    mutationFn: () =>
      api.put<BudgetDetail>(`${budgetsPath}/budgets/${b.id}/lines`, {
        version: b.version,
        lines: lines.map((l) => ({
          categoryCode: l.categoryCode,
          description: l.description,
          amountCents: parseCents(l.amount),
          currency: b.currency,
        })),
      }),
    onSuccess: async () => {
      await refreshLocal(client);
      onDone();
    },
  });
  const rowErrors = new Map<number, string[]>();
  if (save.error instanceof ProblemError)
    for (const fe of save.error.errors) {
      const m = /^lines\.(\d+)\.(\w+)/.exec(fe.field);
      if (m) rowErrors.set(Number(m[1]), [...(rowErrors.get(Number(m[1])) ?? []), `${m[2]}: ${fe.message}`]);
    }
  const set = (i: number, patch: Partial<DraftLine>) =>
    setLines((cur) => cur.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const other =
    save.error instanceof ProblemError ? save.error.errors.filter((e) => !/^lines\.\d+/.test(e.field)) : [];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <FormProblem error={save.error} other={other} />
      <TableWrap label="Edit lines">
        <table className="lcs-lines">
          <thead>
            <tr>
              <th>#</th>
              <th>Category</th>
              <th>Description</th>
              <th className="num">Amount ({b.currency})</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <LineRow
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
                key={i}
                i={i}
                l={l}
                categories={categories}
                errors={rowErrors.get(i)}
                onChange={(patch) => set(i, patch)}
                onRemove={() => setLines((cur) => cur.filter((_, j) => j !== i))}
              />
            ))}
          </tbody>
        </table>
      </TableWrap>
      <div className="lcs-actions">
        <button
          type="button"
          className="button secondary"
          onClick={() =>
            setLines((cur) => [
              ...cur,
              { categoryCode: categories[0]?.code ?? '', description: '', amount: '' },
            ])
          }
        >
          Add line
        </button>
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save lines'}
        </button>
        <button type="button" className="button secondary" onClick={onDone} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function LineRow(props: {
  i: number;
  l: DraftLine;
  categories: Category[];
  errors: string[] | undefined;
  onChange: (patch: Partial<DraftLine>) => void;
  onRemove: () => void;
}) {
  const { i, l, categories, errors, onChange, onRemove } = props;
  return (
    <>
      <tr>
        <td>{i + 1}</td>
        <td>
          <select
            aria-label={`Line ${i + 1} category`}
            value={l.categoryCode}
            onChange={(e) => onChange({ categoryCode: e.target.value })}
          >
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </td>
        <td>
          <input
            aria-label={`Line ${i + 1} description`}
            value={l.description}
            onChange={(e) => onChange({ description: e.target.value })}
            aria-invalid={errors ? true : undefined}
          />
        </td>
        <td>
          <input
            aria-label={`Line ${i + 1} amount`}
            inputMode="decimal"
            value={l.amount}
            onChange={(e) => onChange({ amount: e.target.value })}
          />
        </td>
        <td>
          <button
            type="button"
            className="button secondary"
            onClick={onRemove}
            aria-label={`Remove line ${i + 1}`}
          >
            ×
          </button>
        </td>
      </tr>
      {errors ? (
        <tr className="lcs-line-error">
          <td />
          <td colSpan={4} role="alert">
            Line {i + 1}: {errors.join('; ')}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function Shares({ b }: { b: BudgetDetail }) {
  return (
    <section className="panel" aria-label="Shares">
      <h2>Shares by in-country headcount</h2>
      <p className="muted">
        Source:{' '}
        <strong>
          {b.headcount.source === 'personnel_headcounts'
            ? 'census (personnel headcounts)'
            : b.headcount.source === 'people'
              ? 'people register'
              : 'none'}
        </strong>
        . {b.headcount.explanation}
      </p>
      {b.shares.length === 0 ? (
        <p className="muted">No organization to share with yet.</p>
      ) : (
        <TableWrap label="Shares">
          <table>
            <thead>
              <tr>
                <th>Organization</th>
                <th className="num">Headcount</th>
                <th className="num">Share</th>
                <th className="num">Paid</th>
                <th className="num">Outstanding</th>
              </tr>
            </thead>
            <tbody>
              {b.shares.map((s) => (
                <tr key={s.organizationCode}>
                  <td>
                    {s.organizationCode} <span className="muted small">{s.organizationName}</span>
                  </td>
                  <td className="num">{s.headcount}</td>
                  <td className="num">{money(s.amountCents)}</td>
                  <td className="num">{money(s.paidCents)}</td>
                  <td className="num">{money(s.outstandingCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th>Total</th>
                <td className="num">{b.shares.reduce((t, s) => t + s.headcount, 0)}</td>
                <td className="num">{money(b.shares.reduce((t, s) => t + s.amountCents, 0))}</td>
                <td className="num">{money(b.shares.reduce((t, s) => t + s.paidCents, 0))}</td>
                <td className="num">{money(b.shares.reduce((t, s) => t + s.outstandingCents, 0))}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

const MILESTONE_TEXT = { circulate: 'Circulated in country', bill: 'Billed', pay: 'Paid' } as const;
const STATE_TEXT = { done: 'done', upcoming: 'upcoming', 'due-soon': 'due soon', missed: 'missed' } as const;

function Calendar({ b }: { b: BudgetDetail }) {
  return (
    <section className="panel" aria-label="Calendar">
      <h2>Calendar</h2>
      <ul>
        {b.calendar.map((m) => (
          <li key={m.milestone}>
            {MILESTONE_TEXT[m.milestone]} by <strong>{m.due}</strong>:{' '}
            <span className={`lcs-${m.state}`}>{STATE_TEXT[m.state]}</span>
            {m.note ? <span className="muted"> ({m.note})</span> : null}
          </li>
        ))}
      </ul>
      {b.approval ? (
        <p>
          Approved by the SMT on <strong>{b.approval.approvedOn}</strong> ({b.approval.smtMeetingRef}),
          recorded by {b.approval.approvedBy ?? 'the system'}; members: {b.approval.smtMembers.join(', ')}.
        </p>
      ) : null}
    </section>
  );
}

function Actions({ b }: { b: BudgetDetail }) {
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

function Payments({ b }: { b: BudgetDetail }) {
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
        <TableWrap label="Payments">
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

function History({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const history = useHistory(id, open);
  return (
    <section className="panel" aria-label="Versions">
      <h2>Versions</h2>
      <button type="button" className="button secondary" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? 'Hide versions' : 'Show every saved version'}
      </button>
      {open && history.data ? (
        <ul>
          {history.data.map((h) => (
            <li key={h.version}>
              Version {h.version}: {h.action} → {h.status}, {formatDateTime(h.at)}
              {h.actor ? ` by ${h.actor}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {open && history.isError ? <ErrorState error={history.error} /> : null}
    </section>
  );
}
