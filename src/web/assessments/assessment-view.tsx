import type { Assessment } from '../api/threat-types';
import { LevelList } from '../threats/level-list';
import { LevelBadge } from '../threats/level-strip';
import { CATEGORY_LABELS, formatDay, levelName } from '../threats/levels';

const FACTORS = [
  ['intent', 'Intent'],
  ['capability', 'Capability'],
  ['inhibitingContext', 'Inhibiting context'],
  ['narrative', 'Narrative'],
] as const;

/** One version read-only: the levels highest first, then the factors of each category in that order. */
export function AssessmentView({ assessment: a }: { assessment: Assessment }) {
  return (
    <>
      <div className="two-col">
        <section className="panel">
          <LevelList ranked={a} />
        </section>
        <section className="panel" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          {a.summary ? <p className="prose">{a.summary}</p> : <p className="muted">No summary.</p>}
          <dl className="facts">
            <dt>Effective</dt>
            <dd>{formatDay(a.effectiveDate)}</dd>
            <dt>Source</dt>
            <dd>{a.source === 'import' ? 'Imported levels' : 'Written in OpenSMIN'}</dd>
            <dt>Approved</dt>
            <dd>{a.approvedAt ? formatDay(a.approvedAt) : 'Not yet'}</dd>
            <dt>Published</dt>
            <dd>{a.publishedAt ? formatDay(a.publishedAt) : 'Not yet'}</dd>
          </dl>
          {a.legacySecurityLevel !== null ? (
            // Kept for the record only: the weighted aggregate hid the highest threat (DOMAIN.md §3).
            <p className="hint legacy">Legacy aggregate, not used: {a.legacySecurityLevel} (2011 model)</p>
          ) : null}
        </section>
      </div>
      <section className="panel" aria-labelledby="factors-heading">
        <h2 id="factors-heading">Factors by category, highest first</h2>
        {a.levels.map((l) => {
          const factors = a.categories[l.category];
          const top = l.level === a.highest.level && a.highest.categories.includes(l.category);
          return (
            <section key={l.category} className="category-card" data-category={l.category}>
              <h3>
                {CATEGORY_LABELS[l.category]}{' '}
                <LevelBadge level={l.level} name={levelName(l.level)} strong={top} />
                {top ? <span className="highest-tag">Highest</span> : null}
              </h3>
              <dl className="facts">
                {FACTORS.map(([key, label]) => (
                  <div key={key} className="fact-pair">
                    <dt>{label}</dt>
                    <dd className="prose">{factors?.[key] || <span className="muted">Not recorded</span>}</dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
      </section>
    </>
  );
}
