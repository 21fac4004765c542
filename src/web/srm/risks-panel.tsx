import { useState } from 'react';
import type { SrmDetail } from '../api/srm-types';
import { useCan } from '../auth/session';
import { RiskCard } from './risk-card';
import { RiskForm } from './risk-form';

/** The risks (threat scenarios) of an SRM, numbered as on the matrix, and the form to add one. */
export function RisksPanel({ srm }: { srm: SrmDetail }) {
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const writable = can('srm.write') && srm.status !== 'superseded';

  return (
    <section className="panel" aria-labelledby="risks-heading">
      <div className="page-header">
        <div>
          <h2 id="risks-heading">Risks</h2>
          <p className="muted small">
            Residual risk counts implemented measures only; the expected level, if every approved measure were
            implemented, is shown beside it.
            {srm.status !== 'draft' && writable ? ' Adding or changing a risk returns the SRM to draft.' : ''}
          </p>
        </div>
        {writable && !adding ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add risk
          </button>
        ) : null}
      </div>
      {adding ? <RiskForm srm={srm} onDone={() => setAdding(false)} /> : null}
      {srm.risks.length === 0 ? (
        <p className="state state-empty">No risks yet.</p>
      ) : (
        <ol className="risk-list" aria-label="Risks, numbered as on the matrix">
          {srm.risks.map((r, i) => (
            <RiskCard key={r.id} risk={r} n={i + 1} srm={srm} writable={writable} />
          ))}
        </ol>
      )}
    </section>
  );
}
