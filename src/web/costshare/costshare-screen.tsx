import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { useCan } from '../auth/session';
import { Link, navigate } from '../router/router';
import { TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { PageHeader, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { type CreatePeriod, type PeriodDetail, refreshCostshare, usePeriods } from './api';
import './costshare.css';

const FIELDS = ['code', 'name', 'startsOn', 'endsOn', 'total', 'minimum', 'censusDate'] as const;

/** Budget periods of the jointly financed activities, with their latest approved version. */
export default function CostshareScreen() {
  const periods = usePeriods();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Cost-sharing"
        description="Jointly financed security costs apportioned by field headcount, with the minimum contribution. Every organization sees every approved figure and how it was reached."
        actions={
          can('costshare.manage') && !creating ? (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              New budget period
            </button>
          ) : null
        }
      />
      {creating ? <NewPeriod onDone={() => setCreating(false)} /> : null}
      <ListState query={periods} empty="No approved apportionment yet.">
        {(rows) => (
          <TableWrap label="Budget periods">
            <table>
              <thead>
                <tr>
                  <th>Period</th>
                  <th>Dates</th>
                  <th className="num">Total</th>
                  <th className="num">Minimum</th>
                  <th>Latest approved version</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/costshare/${p.id}`}>{p.code}</Link>{' '}
                      <span className="muted small">{p.name}</span>
                    </td>
                    <td>
                      {p.startsOn} – {p.endsOn}
                    </td>
                    <td className="num">{money(p.total ?? p.latestVersion?.total)}</td>
                    <td className="num">{money(p.minimum ?? p.latestVersion?.minimum)}</td>
                    <td>
                      {p.latestVersion
                        ? `Version ${p.latestVersion.versionNo}, ${p.latestVersion.approvedAt.slice(0, 10)}`
                        : 'none yet'}
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

/** "1234567.80" → "1,234,567.80" (text only: no float touches the amount). */
export function money(amount: string | null | undefined): string {
  if (!amount) return '';
  const [whole, frac] = amount.split('.');
  return `${(whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac ?? '00'}`;
}

function NewPeriod({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const year = new Date().getFullYear();
  const form = useForm({
    code: `${year}-${year + 1}`,
    name: `Biennium ${year}-${year + 1}`,
    startsOn: `${year}-01-01`,
    endsOn: `${year + 1}-12-31`,
    total: '',
    minimum: '75000',
    censusDate: '',
  });
  const create = useMutation({
    mutationFn: (body: CreatePeriod) => api.post<PeriodDetail>('/costshare/periods', body),
    onSuccess: async (p) => {
      await refreshCostshare(client);
      onDone();
      navigate(`/costshare/${p.id}`);
    },
  });
  const { byField, other } = splitProblem(create.error, FIELDS);
  const v = form.values;
  return (
    <FormPanel
      title="New budget period"
      submitLabel="Create"
      pending={create.isPending}
      error={create.error}
      other={other}
      onCancel={onDone}
      onSubmit={() => create.mutate({ ...v, censusDate: v.censusDate || null })}
    >
      <TextField label="Code" required {...form.field('code')} error={byField.code} />
      <TextField label="Name" required {...form.field('name')} error={byField.name} />
      <TextField
        label="Starts on"
        type="date"
        required
        {...form.field('startsOn')}
        error={byField.startsOn}
      />
      <TextField label="Ends on" type="date" required {...form.field('endsOn')} error={byField.endsOn} />
      <TextField
        label="Approved total"
        inputMode="decimal"
        required
        hint="Currency units, up to two decimals"
        {...form.field('total')}
        error={byField.total}
      />
      <TextField
        label="Minimum contribution"
        inputMode="decimal"
        required
        {...form.field('minimum')}
        error={byField.minimum}
      />
      <TextField label="Census date" type="date" {...form.field('censusDate')} error={byField.censusDate} />
    </FormPanel>
  );
}
