import { useState } from 'react';
import { useCan } from '../auth/session';
import { Link } from '../router/router';
import { SelectField } from '../ui/field';
import { formatDateTime, PageHeader, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { KIND_LABELS, useCrisisLists } from './crisis-api';
import { CrisisNav } from './crisis-nav';

/** Relocation and evacuation lists the user may read, newest first, with how many are accounted for. */
export default function CrisisListsScreen() {
  const can = useCan();
  const [kind, setKind] = useState('');
  const lists = useCrisisLists(kind);
  return (
    <>
      <PageHeader
        title="Relocation and evacuation"
        description="Lists made from who-is-where: relocation within the country for any personnel; evacuation for international personnel, eligible dependants and local personnel targeted because of their employment."
        actions={
          can('crisis.lists') ? (
            <Link className="button" to="/crisis/lists/new">
              New list
            </Link>
          ) : null
        }
      />
      <CrisisNav />
      <div className="panel">
        <SelectField
          label="Kind"
          value={kind}
          onChange={setKind}
          placeholder="All"
          options={[
            { value: 'relocation', label: 'Relocation' },
            { value: 'evacuation', label: 'Evacuation' },
          ]}
        />
      </div>
      <ListState query={lists} empty="No relocation or evacuation lists yet.">
        {(rows) => (
          <TableWrap label="Lists">
            <table data-testid="crisis-lists">
              <thead>
                <tr>
                  <th scope="col">List</th>
                  <th scope="col">Kind</th>
                  <th scope="col">From → to</th>
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
                    Moved
                  </th>
                  <th scope="col">Made</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <Link to={`/crisis/lists/${l.id}`}>{l.reference}</Link>
                      <div className="crisis-reason">{l.title}</div>
                    </td>
                    <td>{KIND_LABELS[l.kind]}</td>
                    <td>
                      {l.areaCode ?? l.countryCode} → {l.destination}
                    </td>
                    <td className="num">{l.totals.people}</td>
                    <td className="num">{l.totals.accounted}</td>
                    <td className="num">{l.totals.needHelp}</td>
                    <td className="num">{l.totals.byStatus.moved}</td>
                    <td>
                      {formatDateTime(l.createdAt)} · {l.createdBy}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </ListState>
    </>
  );
}
