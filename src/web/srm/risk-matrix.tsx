import './risk-matrix.css';
import { IMPACTS, LIKELIHOODS, type Risk, type RiskMatrix } from '../api/srm-types';
import {
  IMPACT_LABELS,
  LIKELIHOOD_LABELS,
  type Position,
  positionAfter,
  RISK_LABELS,
  riskAt,
  riskStyle,
} from './risk-levels';

interface Marker {
  n: number;
  risk: Risk;
  kind: 'residual' | 'inherent';
}

const same = (a: Position, b: Position) => a.likelihood === b.likelihood && a.impact === b.impact;

/**
 * The SRM's own matrix (the version it was made with) as a 5×5 table, likelihood rising upwards
 * and impact to the right, each cell printing its level. Every risk is a numbered dot where its
 * residual risk sits (implemented measures only) and a hollow ring where it started. A risk whose
 * residual level was overridden keeps its computed cell, marked with an asterisk: an override
 * changes the level, not the likelihood or impact, so it has no cell of its own.
 */
export function RiskMatrixView({ matrix, risks }: { matrix: RiskMatrix; risks: Risk[] }) {
  const markers = new Map<string, Marker[]>();
  const put = (p: Position, m: Marker) => {
    const key = `${p.likelihood}/${p.impact}`;
    markers.set(key, [...(markers.get(key) ?? []), m]);
  };
  risks.forEach((risk, i) => {
    const start = { likelihood: risk.likelihood, impact: risk.impact };
    const now = positionAfter(start, risk.measures);
    put(now, { n: i + 1, risk, kind: 'residual' });
    if (!same(start, now)) put(start, { n: i + 1, risk, kind: 'inherent' });
  });
  const rows = [...LIKELIHOODS].reverse();

  return (
    <figure className="risk-matrix" data-testid="risk-matrix">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on phones the matrix scrolls sideways; keyboard users must reach it */}
      <section className="matrix-scroll" tabIndex={0} aria-label="Risk matrix table">
        <table>
          <caption className="sr-only">
            Risk matrix: likelihood by impact, with each risk's residual and inherent position
          </caption>
          <thead>
            <tr>
              <td className="matrix-corner">
                <span>Likelihood ↑</span>
                <span>Impact →</span>
              </td>
              {IMPACTS.map((i) => (
                <th key={i} scope="col">
                  {IMPACT_LABELS[i]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l}>
                <th scope="row">{LIKELIHOOD_LABELS[l]}</th>
                {IMPACTS.map((i) => {
                  const level = riskAt(matrix, { likelihood: l, impact: i });
                  const here = markers.get(`${l}/${i}`) ?? [];
                  return (
                    <td
                      key={i}
                      className="matrix-cell"
                      style={level ? riskStyle(level) : undefined}
                      data-likelihood={l}
                      data-impact={i}
                      data-level={level}
                    >
                      <span className="matrix-level">{level ? RISK_LABELS[level] : '?'}</span>
                      {here.length > 0 ? (
                        <span className="matrix-markers">
                          {here.map((m) => (
                            <MarkerDot key={`${m.kind}-${m.n}`} marker={m} />
                          ))}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <figcaption className="matrix-legend">
        <span>
          <span className="risk-dot" aria-hidden="true">
            1
          </span>{' '}
          residual (implemented measures only)
        </span>
        <span>
          <span className="risk-dot hollow" aria-hidden="true">
            1
          </span>{' '}
          inherent, where it differs
        </span>
        <span>
          <span className="risk-dot overridden" aria-hidden="true">
            1*
          </span>{' '}
          overridden: the level counted is the risk's override, not this cell's
        </span>
      </figcaption>
    </figure>
  );
}

function MarkerDot({ marker: { n, risk, kind } }: { marker: Marker }) {
  const overridden = kind === 'residual' && risk.override !== null;
  const label =
    kind === 'inherent'
      ? `Risk ${n}, ${risk.title}: inherent ${risk.inherent.label}`
      : `Risk ${n}, ${risk.title}: residual ${risk.residual.label}${
          overridden ? `, overridden to ${risk.effective.label}` : ''
        }`;
  return (
    <span
      className={`risk-dot${kind === 'inherent' ? ' hollow' : ''}${overridden ? ' overridden' : ''}`}
      role="img"
      aria-label={label}
      title={label}
      data-risk-marker={risk.id}
      data-kind={kind}
    >
      {n}
      {overridden ? '*' : ''}
    </span>
  );
}
