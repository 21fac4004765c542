import { useState } from 'react';
import { useCan } from '../auth/session';
import { Link } from '../router/router';
import { PageHeader, TableWrap } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import {
  type Apportionment,
  exportHref,
  type PeriodDetail,
  type Source,
  useApportionment,
  usePeriod,
} from './api';
import { CompareSection } from './compare-section';
import { money } from './costshare-screen';
import { ExplanationPanel } from './explanation-panel';
import { ManageSection } from './manage-section';
import './costshare.css';

/**
 * One budget period: the figures of the current census, of a scenario or of an approved version,
 * each organization's amount with its explanation, comparison side by side, exports, and (for the
 * cost-sharing manager) census import, scenarios and approval.
 */
export default function PeriodScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const period = usePeriod(id);
  const [chosen, setChosen] = useState<Source | null>(null);
  const [explained, setExplained] = useState<string | null>(null);
  const can = useCan();
  const p = period.data;
  const drafts = p?.census != null;
  const fallback: Source | null = p
    ? p.versions[0]
      ? { kind: 'version', no: p.versions[0].versionNo }
      : drafts && p.census?.length
        ? { kind: 'census' }
        : null
    : null;
  const source = chosen ?? fallback;
  const view = useApportionment(id, source);
  if (period.isPending) return <Loading />;
  if (period.isError || !p) return <ErrorState error={period.error} onRetry={() => period.refetch()} />;
  const choose = (s: Source) => {
    setChosen(s);
    setExplained(null);
  };
  return (
    <>
      <PageHeader
        title={`Cost-sharing ${p.code}`}
        description={`${p.name}: ${p.startsOn} – ${p.endsOn}${p.censusDate ? `, field headcount at ${p.censusDate}` : ''}.`}
        actions={<Link to="/costshare">All periods</Link>}
      />
      <Sources period={p} source={source} onChoose={choose} />
      {source === null ? (
        <p className="state state-empty">
          {drafts ? 'No census yet: import the headcounts below.' : 'No approved version yet.'}
        </p>
      ) : view.isPending ? (
        <Loading />
      ) : view.isError ? (
        <ErrorState error={view.error} onRetry={() => view.refetch()} />
      ) : (
        <Figures periodId={id} view={view.data} explained={explained} onExplain={setExplained} />
      )}
      {explained && source ? (
        <ExplanationPanel
          periodId={id}
          source={source}
          organization={explained}
          onClose={() => setExplained(null)}
        />
      ) : null}
      <CompareSection period={p} />
      {can('costshare.manage') && drafts ? (
        <ManageSection period={p} source={source} onApproved={choose} />
      ) : null}
    </>
  );
}

function Sources({
  period,
  source,
  onChoose,
}: {
  period: PeriodDetail;
  source: Source | null;
  onChoose: (s: Source) => void;
}) {
  const same = (s: Source) => JSON.stringify(s) === JSON.stringify(source);
  const options: { s: Source; label: string }[] = [
    ...(period.census?.length ? [{ s: { kind: 'census' } as Source, label: 'Current census' }] : []),
    ...(period.scenarios ?? []).map((sc) => ({
      s: { kind: 'scenario', id: sc.id } as Source,
      label: `Scenario: ${sc.name}`,
    })),
    ...period.versions.map((v) => ({
      s: { kind: 'version', no: v.versionNo } as Source,
      label: `Version ${v.versionNo} (approved ${v.approvedAt.slice(0, 10)})`,
    })),
  ];
  if (options.length === 0) return null;
  return (
    <nav aria-label="Figures to show">
      <ul className="cs-sources">
        {options.map((o) => (
          <li key={JSON.stringify(o.s)}>
            <button
              type="button"
              className="button secondary small"
              aria-pressed={same(o.s)}
              onClick={() => onChoose(o.s)}
            >
              {o.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Figures({
  periodId,
  view,
  explained,
  onExplain,
}: {
  periodId: string;
  view: Apportionment;
  explained: string | null;
  onExplain: (org: string) => void;
}) {
  const s = view.summary;
  const version = view.source.version;
  return (
    <section aria-label="Apportionment">
      <h2>
        {view.source.kind === 'approved' && version
          ? `Approved version ${version.versionNo}${version.scenarioName ? ` (${version.scenarioName})` : ''}`
          : view.source.kind === 'scenario'
            ? `Scenario ${view.source.name} (not approved)`
            : 'Current census (not approved)'}
      </h2>
      {version ? (
        <p className="muted small">
          Approved by {version.approvedBy} on {version.approvedAt.slice(0, 10)}. {version.note}
        </p>
      ) : null}
      <dl className="cs-figures">
        <div>
          <dt>Total ({view.currency})</dt>
          <dd>{money(s.total)}</dd>
        </div>
        <div>
          <dt>Minimum contribution</dt>
          <dd>{money(s.minimum)}</dd>
        </div>
        <div>
          <dt>Billable organizations</dt>
          <dd>{s.billableCount}</dd>
        </div>
        <div>
          <dt>At the minimum</dt>
          <dd>{s.atMinimumCount}</dd>
        </div>
        <div>
          <dt>Field headcount</dt>
          <dd>{s.billableHeadcount.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Rounds</dt>
          <dd>{s.rounds.length}</dd>
        </div>
      </dl>
      {version ? (
        <p className="cs-links">
          <span className="muted small">Export the whole system:</span>
          {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
            <a
              key={f}
              className="button secondary small"
              href={exportHref(periodId, version.versionNo, f)}
              download
            >
              {f.toUpperCase()}
            </a>
          ))}
        </p>
      ) : null}
      <TableWrap label="Amount per organization">
        <table data-testid="costshare-lines">
          <thead>
            <tr>
              <th>Organization</th>
              <th className="num">Headcount</th>
              <th>Minimum</th>
              <th className="num">Amount</th>
              <th className="num">Share %</th>
              <th>
                <span className="sr-only">Explanation</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.lines.map((l) => (
              <tr
                key={l.organization}
                className={l.billed ? undefined : 'cs-not-billed'}
                data-organization={l.organization}
              >
                <td>
                  <strong>{l.organization}</strong>{' '}
                  <span className="muted small cs-orgname">{l.organizationName}</span>
                  {l.countedIn ? (
                    <div className="muted small">counted in {l.countedIn}: not billed</div>
                  ) : null}
                  {l.includes.length ? (
                    <div className="muted small">includes {l.includes.join(', ')}</div>
                  ) : null}
                </td>
                <td className="num">{l.headcount.toLocaleString('en')}</td>
                <td>{l.minimumApplied ? <span className="badge">minimum</span> : null}</td>
                <td className="num">{money(l.amount)}</td>
                <td className="num">{l.share.toFixed(4)}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button secondary small"
                    aria-expanded={explained === l.organization}
                    onClick={() => onExplain(l.organization)}
                  >
                    Explain {l.organization}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>Total</th>
              <th className="num">{s.billableHeadcount.toLocaleString('en')}</th>
              <th />
              <th className="num">{money(s.total)}</th>
              <th className="num">100.0000</th>
              <th />
            </tr>
          </tfoot>
        </table>
      </TableWrap>
    </section>
  );
}
