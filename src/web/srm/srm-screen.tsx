import '../threats/screens.css';
import './srm.css';
import './srm-detail.css';
import { apiUrl } from '../api/client';
import { useSrm } from '../api/srm-queries';
import type { SrmDetail } from '../api/srm-types';
import { Link } from '../router/router';
import { PageHeader } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { ActivitiesPanel } from './activities-panel';
import { SrmStatusBadge } from './badges';
import { RiskMatrixView } from './risk-matrix';
import { RisksPanel } from './risks-panel';
import { ApprovalChain, ReviewNotice, SrmSummary } from './srm-facts';
import { SrmWorkflow } from './srm-workflow';

const place = (s: SrmDetail) =>
  s.areaName ? `${s.areaName} (${s.areaCode}), ${s.countryName}` : `${s.countryName} (${s.countryCode})`;

/** One SRM: approval chain, matrix, risks with their measures, activities and their acceptability. */
export default function SrmScreen({ params }: { params: Record<string, string> }) {
  const query = useSrm(params.id ?? '');
  if (query.isPending) return <Loading label="Loading the SRM…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const srm = query.data;

  return (
    <article data-testid="srm-detail" data-srm={srm.id} data-status={srm.status}>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/srm">Security risk management</Link> › {srm.areaCode ?? srm.countryCode}
      </nav>
      <PageHeader
        title={srm.title}
        description={
          <>
            {place(srm)} · {srm.kind === 'ad_hoc' ? 'ad hoc' : srm.kind}
            {srm.organizationCode ? ` · ${srm.organizationCode}` : ''} <SrmStatusBadge status={srm.status} />
          </>
        }
        actions={
          <>
            <a
              className="button secondary"
              href={apiUrl(`/srm/${srm.id}/summary.pdf`)}
              target="_blank"
              rel="noopener"
            >
              Summary for the SMT (PDF)
            </a>
            <a
              className="button secondary"
              href={apiUrl(`/srm/${srm.id}/report.pdf`)}
              target="_blank"
              rel="noopener"
            >
              Full report (PDF)
            </a>
          </>
        }
      />
      <ReviewNotice srm={srm} />
      <section className="panel" aria-labelledby="chain-heading">
        <h2 id="chain-heading">Approval</h2>
        <ApprovalChain srm={srm} />
        <SrmWorkflow srm={srm} />
      </section>
      <div className="srm-top">
        <section className="panel" aria-labelledby="matrix-heading">
          <h2 id="matrix-heading">Risk matrix</h2>
          <RiskMatrixView matrix={srm.matrix} risks={srm.risks} />
        </section>
        <section className="panel" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <SrmSummary srm={srm} />
        </section>
      </div>
      <RisksPanel srm={srm} />
      <ActivitiesPanel srm={srm} />
    </article>
  );
}
