import '../threats/levels.css';
import '../threats/screens.css';
import { useQueryClient } from '@tanstack/react-query';
import { threatKeys, useAdvisory } from '../api/threat-queries';
import { Link, navigate, useLocation } from '../router/router';
import { PageHeader } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { AdvisoryForm } from './advisory-form';

/**
 * Drafts a new advisory: from scratch (optionally for ?country=&area=), or as the next version of
 * a published one (?from=id), whose text it starts from.
 */
export default function AdvisoryNewScreen() {
  const { search } = useLocation();
  const client = useQueryClient();
  const fromId = search.get('from') ?? '';
  const from = useAdvisory(fromId);
  const header = (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/advisories">Travel advisories</Link> › New
      </nav>
      <PageHeader
        title="New travel advisory"
        description="A draft is approved by someone other than its author, then published to all personnel."
      />
    </>
  );
  if (fromId && from.isPending) return <Loading label="Loading the current version…" />;
  if (fromId && from.isError) return <ErrorState error={from.error} onRetry={() => from.refetch()} />;

  return (
    <>
      {header}
      <AdvisoryForm
        mode={{
          kind: 'create',
          country: search.get('country') ?? undefined,
          area: search.get('area') ?? undefined,
          from: fromId ? from.data : undefined,
        }}
        onDone={(saved) => {
          if (!saved) {
            navigate(fromId ? `/advisories/${fromId}` : '/advisories');
            return;
          }
          client.setQueryData(threatKeys.advisory(saved.id), saved);
          navigate(`/advisories/${saved.id}`);
        }}
      />
    </>
  );
}
