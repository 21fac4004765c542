import { useState } from 'react';
import { TableWrap } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { type PeriodDetail, useComparison } from './api';
import { money } from './costshare-screen';

/** Scenarios and approved versions side by side (the current census first for global readers). */
export function CompareSection({ period }: { period: PeriodDetail }) {
  const drafts = period.census != null && period.census.length > 0;
  const choices = [
    ...(period.scenarios ?? []).map((s) => ({ key: `scenario:${s.id}`, label: `Scenario: ${s.name}` })),
    ...period.versions.map((v) => ({ key: `version:${v.versionNo}`, label: `Version ${v.versionNo}` })),
  ];
  const [picked, setPicked] = useState<string[]>([]);
  const enabled = drafts ? true : picked.length > 0;
  const q = useComparison(period.id, picked, enabled && (drafts || picked.length > 0));
  if (!drafts && choices.length < 2) return null;
  const toggle = (key: string) =>
    setPicked((cur) => (cur.includes(key) ? cur.filter((k) => k !== key) : [...cur, key].slice(0, 6)));
  return (
    <section className="panel" aria-label="Compare side by side">
      <h2>Compare side by side</h2>
      <fieldset className="cs-links">
        <legend className="muted small">
          {drafts ? 'The current census, and:' : 'Pick the versions to compare:'}
        </legend>
        {choices.map((c) => (
          <label key={c.key} className="check">
            <input type="checkbox" checked={picked.includes(c.key)} onChange={() => toggle(c.key)} />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
      {!enabled ? null : q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <TableWrap label="Comparison">
          <table data-testid="costshare-compare">
            <thead>
              <tr>
                <th>Organization</th>
                {q.data.columns.map((c) => (
                  <th key={c.key} className="num">
                    {c.name}
                    <div className="muted small">
                      total {money(c.total)}, minimum {money(c.minimum)}
                    </div>
                  </th>
                ))}
                {q.data.columns.length > 1 ? <th className="num">Difference</th> : null}
              </tr>
            </thead>
            <tbody>
              {q.data.rows.map((r) => (
                <tr key={r.organization}>
                  <td>
                    <strong>{r.organization}</strong>
                  </td>
                  {r.cells.map((c, i) => (
                    <td key={q.data.columns[i]?.key} className="num">
                      {c.billed ? money(c.amount) : 'not billed'}
                      <div className="muted small">
                        {c.headcount.toLocaleString('en')} · {c.share.toFixed(4)} %
                        {c.minimumApplied ? ' · minimum' : ''}
                      </div>
                    </td>
                  ))}
                  {q.data.columns.length > 1 ? (
                    <td className="num">{money(centsText(r.differenceCents))}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/** Integer cents as a signed decimal string, without floats. */
function centsText(cents: number): string {
  const neg = cents < 0;
  const a = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
