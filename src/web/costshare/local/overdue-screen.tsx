import { useState } from 'react';
import { Link } from '../../router/router';
import { TextField } from '../../ui/field';
import { PageHeader, TableWrap } from '../../ui/page';
import { ListState } from '../../ui/states';
import { budgetsPath, money, useOverdue } from './api';
import { LocalNav } from './nav';
import './local.css';

/** Shares still owed after 1 March of their budget year, most overdue first. */
export default function LocalOverdueScreen() {
  const [on, setOn] = useState(new Date().toISOString().slice(0, 10));
  const overdue = useOverdue(on);
  return (
    <>
      <PageHeader
        title="Overdue payments"
        description="Organizations that have not paid their share of an approved or billed local security budget in full by 1 March of the budget year."
      />
      <LocalNav current="overdue" />
      <div className="lcs-toolbar">
        <TextField label="As of" type="date" value={on} onChange={setOn} />
      </div>
      <ListState query={overdue} empty="Nothing overdue.">
        {(rows) => (
          <TableWrap label="Overdue shares">
            <table>
              <thead>
                <tr>
                  <th>Country</th>
                  <th>Year</th>
                  <th>Organization</th>
                  <th className="num">Share</th>
                  <th className="num">Paid</th>
                  <th className="num">Outstanding</th>
                  <th>Pay by</th>
                  <th className="num">Days late</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.budgetId}:${r.organizationCode}`}>
                    <td>
                      <Link to={`${budgetsPath}/budgets/${r.budgetId}`}>{r.countryCode}</Link>
                    </td>
                    <td>{r.year}</td>
                    <td>
                      {r.organizationCode} <span className="muted small">{r.organizationName}</span>
                    </td>
                    <td className="num">
                      {money(r.amountCents)} {r.currency}
                    </td>
                    <td className="num">{money(r.paidCents)}</td>
                    <td className="num">{money(r.outstandingCents)}</td>
                    <td>{r.payBy}</td>
                    <td className="num lcs-missed">{r.daysOverdue}</td>
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
