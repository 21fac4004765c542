import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../api/client';
import { formatDateTime, PageHeader, TableWrap } from '../ui/page';
import { Empty, ErrorState, Loading } from '../ui/states';
import { KIND_LABELS, type ListDetail, refreshCrisis, type Totals, useCrisisList } from './crisis-api';
import { CrisisNav } from './crisis-nav';
import { ListRows } from './list-rows';

function TotalsView({ totals }: { totals: Totals }) {
  const figures: [string, number, string][] = [
    ['People', totals.people, ''],
    ['Accounted for', totals.accounted, 'accounted'],
    ['Need help', totals.needHelp, 'need-help'],
    ['Not yet accounted for', totals.notAccounted, ''],
    ['Confirmed', totals.byStatus.confirmed, ''],
    ['Moved', totals.byStatus.moved, ''],
    ['Declined', totals.byStatus.declined, ''],
    ['Cannot reach', totals.byStatus.unreachable, ''],
    ['No longer present', totals.noLongerPresent, ''],
  ];
  return (
    <>
      <dl className="crisis-totals" data-testid="crisis-totals">
        {figures.map(([label, n, cls]) => (
          <div key={label} className={cls}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      {totals.byOrganization.length > 0 ? (
        <TableWrap label="By organization">
          <table data-testid="crisis-by-organization">
            <thead>
              <tr>
                <th scope="col">Organization</th>
                <th scope="col" className="num">
                  People
                </th>
                <th scope="col" className="num">
                  Accounted for
                </th>
                <th scope="col" className="num">
                  Need help
                </th>
                <th scope="col" className="num">
                  Not yet
                </th>
                <th scope="col" className="num">
                  Moved
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.byOrganization.map((o) => (
                <tr key={o.organization}>
                  <td>{o.organization}</td>
                  <td className="num">{o.people}</td>
                  <td className="num">{o.accounted}</td>
                  <td className="num">{o.needHelp}</td>
                  <td className="num">{o.notAccounted}</td>
                  <td className="num">{o.byStatus.moved}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}

function Actions({
  list,
  ineligible,
  setIneligible,
}: {
  list: ListDetail;
  ineligible: boolean;
  setIneligible: (v: boolean) => void;
}) {
  const client = useQueryClient();
  const refresh = useMutation({
    mutationFn: () =>
      api.post<{ added: number; noLongerPresent: number; backAgain: number }>(
        `/crisis/lists/${list.id}/refresh`,
      ),
    onSuccess: () => refreshCrisis(client),
  });
  const href = (format: string) => `/api/crisis/lists/${list.id}/export?format=${format}`;
  return (
    <>
      <div className="crisis-actions">
        {list.canManage ? (
          <button
            type="button"
            className="button"
            disabled={refresh.isPending}
            onClick={() => refresh.mutate()}
          >
            {refresh.isPending ? 'Reading who-is-where…' : 'Refresh from who-is-where'}
          </button>
        ) : null}
        <a className="button secondary" href={href('csv')} download>
          CSV
        </a>
        <a className="button secondary" href={href('xlsx')} download>
          XLSX
        </a>
        <a className="button secondary" href={href('pdf')} target="_blank" rel="noreferrer">
          Printable manifest (PDF)
        </a>
        <button type="button" className="button secondary" onClick={() => setIneligible(!ineligible)}>
          {ineligible ? 'Hide people left out' : `Show people left out (${list.ineligible})`}
        </button>
      </div>
      {refresh.data ? (
        <p role="status">
          Added {refresh.data.added}; no longer present {refresh.data.noLongerPresent}; back again{' '}
          {refresh.data.backAgain}.
        </p>
      ) : null}
      {refresh.error ? <p className="field-error">{messageOf(refresh.error)}</p> : null}
    </>
  );
}

/** One list: totals by organization and by accounted-for state, the people, status updates, exports. */
export default function CrisisListScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const [ineligible, setIneligible] = useState(false);
  const query = useCrisisList(id, ineligible);
  const list = query.data;
  return (
    <>
      <PageHeader
        title={list ? `${list.reference} · ${KIND_LABELS[list.kind]}` : 'List'}
        description={
          list
            ? `${list.title}. From ${list.areaCode ?? list.countryCode} to ${[list.destination, list.destinationAreaCode, list.destinationCountry].filter(Boolean).join(', ')}. Who-is-where at ${formatDateTime(list.asOf)}, refreshed ${formatDateTime(list.refreshedAt)}.`
            : undefined
        }
      />
      <CrisisNav />
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => query.refetch()} /> : null}
      {list ? (
        <>
          <Actions list={list} ineligible={ineligible} setIneligible={setIneligible} />
          <TotalsView totals={list.totals} />
          {list.rows.length ? <ListRows list={list} /> : <Empty>No one on this list.</Empty>}
        </>
      ) : null}
    </>
  );
}
