import { useState } from 'react';
import { useOrganizations } from '../../api/queries';
import { useMe } from '../../auth/session';
import { SelectField, TextField } from '../../ui/field';
import { PageHeader, TableWrap } from '../../ui/page';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { exportUrl, money, STATUS_TEXT, useBill } from './api';
import { LocalNav } from './nav';
import './local.css';

/**
 * An organization's share of local security budgets in every country: what it owes, what it paid,
 * by when. Focal points see their own organization; global readers pick any.
 */
export default function LocalBillScreen() {
  const me = useMe();
  const orgs = useOrganizations();
  const scoped = me.grants.filter((g) => g.scopeType === 'organization').map((g) => g.scopeId);
  const mine = orgs.data?.filter((o) => scoped.includes(o.id) || o.id === me.organizationId) ?? [];
  const global = me.grants.some((g) => g.scopeType === 'global');
  const choices = global ? (orgs.data ?? []) : mine;
  const [picked, setPicked] = useState('');
  const [year, setYear] = useState('');
  const org = picked || choices[0]?.code || '';
  const bill = useBill(org, year);
  return (
    <>
      <PageHeader
        title="Organization’s bill"
        description="Your organization’s share of each country’s locally cost-shared security budget, from circulation on (estimates until the SMT approves), and what remains to pay by 1 March."
      />
      <LocalNav current="bill" />
      <div className="lcs-toolbar">
        <SelectField
          label="Organization"
          value={org}
          onChange={setPicked}
          options={choices.map((o) => ({ value: o.code, label: `${o.code} – ${o.name}` }))}
        />
        <TextField label="Budget year (blank: all)" inputMode="numeric" value={year} onChange={setYear} />
        {org ? (
          <p className="lcs-exports">
            Export: <a href={exportUrl('csv', { organization: org, year })}>CSV</a> ·{' '}
            <a href={exportUrl('xlsx', { organization: org, year })}>XLSX</a> ·{' '}
            <a href={exportUrl('pdf', { organization: org, year })}>PDF</a>
          </p>
        ) : null}
      </div>
      {orgs.isPending || (org && bill.isPending) ? <Loading /> : null}
      {!org && !orgs.isPending ? <Empty>No organization whose bill you may read.</Empty> : null}
      {bill.isError ? <ErrorState error={bill.error} onRetry={() => bill.refetch()} /> : null}
      {bill.data ? (
        bill.data.rows.length === 0 ? (
          <Empty>No circulated budget shares {bill.data.organizationCode} yet.</Empty>
        ) : (
          <TableWrap label="Shares by country">
            <table>
              <thead>
                <tr>
                  <th>Country</th>
                  <th>Year</th>
                  <th>Status</th>
                  <th className="num">Headcount</th>
                  <th className="num">Share</th>
                  <th className="num">Paid</th>
                  <th className="num">Outstanding</th>
                  <th>Pay by</th>
                </tr>
              </thead>
              <tbody>
                {bill.data.rows.map((r) => (
                  <tr key={r.budgetId}>
                    <td>{r.countryName}</td>
                    <td>{r.year}</td>
                    <td>
                      {STATUS_TEXT[r.status]}
                      {r.final ? '' : ' (estimate)'}
                    </td>
                    <td className="num">
                      {r.headcount} / {r.countryHeadcount}
                    </td>
                    <td className="num">
                      {money(r.amountCents)} {r.currency}
                    </td>
                    <td className="num">{money(r.paidCents)}</td>
                    <td className="num">{money(r.outstandingCents)}</td>
                    <td>{r.payBy}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                {bill.data.totals.map((t) => (
                  <tr key={t.currency}>
                    <th colSpan={4}>Total ({t.currency})</th>
                    <td className="num">{money(t.amountCents)}</td>
                    <td />
                    <td className="num">{money(t.outstandingCents)}</td>
                    <td />
                  </tr>
                ))}
              </tfoot>
            </table>
          </TableWrap>
        )
      ) : null}
    </>
  );
}
