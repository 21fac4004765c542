import { useState } from 'react';
import type { Area } from '../api/types';
import { matches, SearchBox, TableWrap } from '../ui/page';
import { ListState, type QueryLike } from '../ui/states';

/** The areas of one country, searchable, with edit and "show its stations" actions. */
export function AreasTable({
  query,
  writable,
  onEdit,
  onShowStations,
}: {
  query: QueryLike<Area[]>;
  writable: boolean;
  onEdit: (area: Area) => void;
  onShowStations: (area: Area) => void;
}) {
  const [search, setSearch] = useState('');
  return (
    <>
      <div className="toolbar">
        <SearchBox
          label="Search areas"
          value={search}
          onChange={setSearch}
          placeholder="Code, name or P-code"
        />
      </div>
      <ListState query={query} empty="This country has no areas yet.">
        {(rows) => {
          const shown = rows.filter((a) => matches(search, a.code, a.name, a.pcode));
          return (
            <TableWrap label="Areas">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name</th>
                    <th scope="col">P-code</th>
                    <th scope="col">Boundary</th>
                    <th scope="col" className="num">
                      Stations
                    </th>
                    <th scope="col" className="actions">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <strong>{a.code}</strong>
                      </td>
                      <td>{a.name}</td>
                      <td>{a.pcode ?? '—'}</td>
                      <td>
                        {a.hasPolygon ? (
                          <span className="badge ok">polygon</span>
                        ) : (
                          <span className="badge">none</span>
                        )}
                      </td>
                      <td className="num">{a.stationCount}</td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => {
                            onShowStations(a);
                            document.getElementById('stations')?.scrollIntoView();
                          }}
                        >
                          Stations
                        </button>{' '}
                        {writable ? (
                          <button
                            type="button"
                            className="button secondary small"
                            onClick={() => onEdit(a)}
                            aria-label={`Edit area ${a.code}`}
                          >
                            Edit
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="table-foot">
                {shown.length} of {rows.length} areas
              </p>
            </TableWrap>
          );
        }}
      </ListState>
    </>
  );
}
