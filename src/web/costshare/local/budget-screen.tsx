import { useState } from 'react';
import { useCan } from '../../auth/session';
import { Link } from '../../router/router';
import { formatDateTime, PageHeader, TableWrap } from '../../ui/page';
import { ErrorState, Loading } from '../../ui/states';
import {
  type BudgetDetail,
  budgetsPath,
  type Category,
  money,
  STATUS_TEXT,
  useBudget,
  useCategories,
  useHistory,
} from './api';
import { Actions, Payments } from './budget-actions';
import { LinesEditor } from './lines-editor';
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

function Shares({ b }: { b: BudgetDetail }) {
  return (
    <section className="panel" aria-label="Shares by headcount">
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
