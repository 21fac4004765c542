import { useState } from 'react';
import { apiUrl } from '../api/client';
import { usePersonnelAffected } from '../api/incident-queries';
import { TextField } from '../ui/field';
import { TableWrap } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';

const thisYear = new Date().getFullYear();

/**
 * The Secretary-General's table: personnel affected by category of safety and security incident,
 * one column per year and the totals, as the server computes them (incidents affecting the
 * organization only), with the same table as CSV.
 */
export function PersonnelAffected({ country }: { country?: string }) {
  const [from, setFrom] = useState(String(thisYear - 4));
  const [to, setTo] = useState(String(thisYear));
  // The table follows complete years only, not every keystroke of one.
  const [years, setYears] = useState({ from: thisYear - 4, to: thisYear });
  const typed = (which: 'from' | 'to', text: string) => {
    (which === 'from' ? setFrom : setTo)(text);
    if (/^\d{4}$/.test(text)) setYears((y) => ({ ...y, [which]: Number(text) }));
  };
  const range = { ...years, country };
  const report = usePersonnelAffected(range);

  return (
    <section className="panel" aria-labelledby="sg-heading">
      <h2 id="sg-heading">Personnel affected by category of safety and security incident</h2>
      <div className="toolbar">
        <TextField
          label="From year"
          type="number"
          inputMode="numeric"
          value={from}
          onChange={(t) => typed('from', t)}
        />
        <TextField
          label="To year"
          type="number"
          inputMode="numeric"
          value={to}
          onChange={(t) => typed('to', t)}
        />
        <a
          className="button secondary"
          href={apiUrl('/incidents/reports/personnel-affected.csv', range)}
          download
          data-testid="sg-csv"
        >
          Download CSV
        </a>
      </div>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <TableWrap label="Personnel affected by year">
          <table data-testid="sg-table">
            <thead>
              <tr>
                <th scope="col">Category</th>
                {report.data.years.map((y) => (
                  <th key={y} scope="col" className="num">
                    {y}
                  </th>
                ))}
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {[...report.data.rows, report.data.totals].map((line) => (
                <tr key={line.row} className={line === report.data.totals ? 'total-row' : undefined}>
                  <th scope="row">{line.row}</th>
                  {report.data.years.map((y) => (
                    <td key={y} className="num">
                      {line.byYear[String(y)] ?? 0}
                    </td>
                  ))}
                  <td className="num">
                    <strong>{line.total}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
