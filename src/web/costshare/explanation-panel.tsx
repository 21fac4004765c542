import { useEffect, useRef } from 'react';
import { ErrorState, Loading } from '../ui/states';
import { exportHref, type Source, useExplanation } from './api';
import { money } from './costshare-screen';

/** The steps that lead to one organization's figure; focus moves here when it opens. */
export function ExplanationPanel({
  periodId,
  source,
  organization,
  onClose,
}: {
  periodId: string;
  source: Source;
  organization: string;
  onClose: () => void;
}) {
  const q = useExplanation(periodId, source, organization);
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again when another organization is explained
  useEffect(() => heading.current?.focus(), [organization, q.data]);
  return (
    <section className="panel cs-explanation" aria-label={`Explanation for ${organization}`}>
      <h2 ref={heading} tabIndex={-1}>
        How {organization}’s figure is reached
      </h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <p>
            <strong>{q.data.organizationName}</strong> pays <strong>{money(q.data.amount)}</strong> (
            {q.data.share.toFixed(4)} % of the total).
          </p>
          <ol data-testid="explanation-steps">
            {q.data.steps.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered, fixed list
              <li key={i} data-kind={s.kind}>
                {s.text}
              </li>
            ))}
          </ol>
        </>
      )}
      <p className="cs-links">
        {source.kind === 'version'
          ? (['csv', 'xlsx', 'pdf'] as const).map((f) => (
              <a
                key={f}
                className="button secondary small"
                href={exportHref(periodId, source.no, f, organization)}
                download
              >
                {organization} {f.toUpperCase()}
              </a>
            ))
          : null}
        <button type="button" className="button secondary small" onClick={onClose}>
          Close
        </button>
      </p>
    </section>
  );
}
