import type { StatsRow } from '../api/incident-types';
import { formatRate } from './labels';

export type Measure =
  | 'incidents'
  | 'affected'
  | 'killed'
  | 'injured'
  | 'kidnapped'
  | 'arrested'
  | 'ratePer100k';

export const MEASURES: { value: Measure; label: string }[] = [
  { value: 'incidents', label: 'Incidents' },
  { value: 'affected', label: 'People affected' },
  { value: 'killed', label: 'Killed' },
  { value: 'injured', label: 'Injured' },
  { value: 'kidnapped', label: 'Kidnapped' },
  { value: 'arrested', label: 'Arrested' },
  { value: 'ratePer100k', label: 'Affected per 100,000 personnel' },
];

const measured = (row: StatsRow, m: Measure) => row[m] ?? 0;

/**
 * Horizontal bars in plain HTML and CSS (no chart library): one per group, its length relative to
 * the largest, with the number written beside it so the chart reads without colour or hover.
 */
export function StatsChart({
  rows,
  measure,
  label,
}: {
  rows: readonly StatsRow[];
  measure: Measure;
  label: (row: StatsRow) => string;
}) {
  const max = Math.max(0, ...rows.map((r) => measured(r, measure)));
  const title = MEASURES.find((m) => m.value === measure)?.label ?? measure;
  return (
    <figure className="bar-chart" data-testid="stats-chart">
      <figcaption>{title}</figcaption>
      <ol>
        {rows.map((row) => {
          const value = measured(row, measure);
          const text = measure === 'ratePer100k' ? formatRate(row.ratePer100k) : value.toLocaleString();
          return (
            <li key={label(row)}>
              <span className="bar-label">{label(row)}</span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar" style={{ width: max ? `${(value / max) * 100}%` : '0' }} />
              </span>
              <span className="bar-value">{text}</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
