import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { Link, navigate } from '../../router/router';
import { TextField } from '../../ui/field';
import { splitProblem } from '../../ui/form-errors';
import { FormPanel, useForm } from '../../ui/form-panel';
import { PageHeader, TableWrap } from '../../ui/page';
import { ListState } from '../../ui/states';
import {
  type BudgetDetail,
  budgetsPath,
  type CreateBudget,
  exportUrl,
  money,
  refreshLocal,
  STATUS_TEXT,
  useBudgets,
} from './api';
import { LocalNav } from './nav';
import './local.css';

/** Country budgets the user reads, by year; the country's cost-sharing manager starts new ones. */
export default function LocalBudgetsScreen() {
  const next = String(new Date().getUTCFullYear() + 1);
  const [year, setYear] = useState(next);
  const budgets = useBudgets(year);
  const can = useCan();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Local security budgets"
        description="Locally cost-shared security budgets per country: eight expenditure categories plus miscellaneous, approved by the SMT, shared by in-country headcount. Circulated by 1 October, billed 15 November, paid by 1 March of the budget year."
        actions={
          can('costshare.manage') && !creating ? (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              New country budget
            </button>
          ) : null
        }
      />
      <LocalNav current="budgets" />
      {creating ? <NewBudget year={year} onDone={() => setCreating(false)} /> : null}
      <div className="lcs-toolbar">
        <TextField label="Budget year" inputMode="numeric" value={year} onChange={setYear} />
        <p className="lcs-exports">
          Export: <a href={exportUrl('csv', { year })}>CSV</a> ·{' '}
          <a href={exportUrl('xlsx', { year })}>XLSX</a> · <a href={exportUrl('pdf', { year })}>PDF</a>
        </p>
      </div>
      <ListState query={budgets} empty={`No country budget for ${year} that you may read.`}>
        {(rows) => (
          <TableWrap label="Country budgets">
            <table>
              <thead>
                <tr>
                  <th>Country</th>
                  <th>Year</th>
                  <th>Status</th>
                  <th className="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((b) => (
                  <tr key={b.id}>
                    <td>
                      <Link to={`${budgetsPath}/budgets/${b.id}`}>{b.countryName}</Link>{' '}
                      <span className="muted small">{b.countryCode}</span>
                    </td>
                    <td>{b.year}</td>
                    <td>
                      <span className={`lcs-status lcs-${b.status}`}>{STATUS_TEXT[b.status]}</span>
                    </td>
                    <td className="num">
                      {money(b.totalCents)} {b.currency}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </ListState>
    </>
  );
}

const FIELDS = ['countryCode', 'year', 'currency'] as const;

function NewBudget({ year, onDone }: { year: string; onDone: () => void }) {
  const client = useQueryClient();
  const form = useForm({ countryCode: '', year, currency: 'USD' });
  const create = useMutation({
    mutationFn: (body: CreateBudget) => api.post<BudgetDetail>(`${budgetsPath}/budgets`, body),
    onSuccess: async (b) => {
      await refreshLocal(client);
      onDone();
      navigate(`${budgetsPath}/budgets/${b.id}`);
    },
  });
  const { byField, other } = splitProblem(create.error, FIELDS);
  const v = form.values;
  return (
    <FormPanel
      title="New country budget"
      submitLabel="Create"
      pending={create.isPending}
      error={create.error}
      other={other}
      onCancel={onDone}
      onSubmit={() =>
        create.mutate({ countryCode: v.countryCode, year: Number(v.year), currency: v.currency })
      }
    >
      <TextField
        label="Country (ISO alpha-3)"
        required
        maxLength={3}
        {...form.field('countryCode')}
        error={byField.countryCode}
      />
      <TextField
        label="Budget year"
        required
        inputMode="numeric"
        {...form.field('year')}
        error={byField.year}
      />
      <TextField
        label="Currency"
        required
        maxLength={3}
        {...form.field('currency')}
        error={byField.currency}
      />
    </FormPanel>
  );
}
