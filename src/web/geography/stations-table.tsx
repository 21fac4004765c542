import { useState } from 'react';
import type { Area, Station } from '../api/types';
import { SelectField } from '../ui/field';
import { matches, SearchBox, TableWrap } from '../ui/page';
import { ListState, type QueryLike } from '../ui/states';

const coord = (n: number) => n.toFixed(4);

/** The duty stations of one country, filterable by area and searchable. */
export function StationsTable({
  query,
  areas,
  areaFilter,
  onAreaFilter,
  writable,
  onEdit,
}: {
  query: QueryLike<Station[]>;
  areas: Area[];
  areaFilter: string;
  onAreaFilter: (code: string) => void;
  writable: boolean;
  onEdit: (station: Station) => void;
}) {
  const [search, setSearch] = useState('');
  const areaName = new Map(areas.map((a) => [a.code, a.name]));
  return (
    <>
      <div className="toolbar">
        <SearchBox label="Search stations" value={search} onChange={setSearch} placeholder="Code or name" />
        <SelectField
          label="Area"
          value={areaFilter}
          onChange={onAreaFilter}
          options={areas.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` }))}
          placeholder="All areas"
        />
      </div>
      <ListState query={query} empty="This country has no duty stations yet.">
        {(rows) => {
          const shown = rows.filter(
            (s) => (!areaFilter || s.areaCode === areaFilter) && matches(search, s.code, s.name),
          );
          if (shown.length === 0)
            return <p className="state state-empty">No duty stations match the filters.</p>;
          return (
            <TableWrap label="Duty stations">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name</th>
                    <th scope="col">Area</th>
                    <th scope="col" className="num">
                      Latitude
                    </th>
                    <th scope="col" className="num">
                      Longitude
                    </th>
                    {writable ? (
                      <th scope="col" className="actions">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <strong>{s.code}</strong>
                      </td>
                      <td>{s.name}</td>
                      <td>{areaName.get(s.areaCode) ?? s.areaCode}</td>
                      <td className="num">{coord(s.lat)}</td>
                      <td className="num">{coord(s.lon)}</td>
                      {writable ? (
                        <td className="actions">
                          <button
                            type="button"
                            className="button secondary small"
                            onClick={() => onEdit(s)}
                            aria-label={`Edit station ${s.code}`}
                          >
                            Edit
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="table-foot">
                {shown.length} of {rows.length} duty stations
              </p>
            </TableWrap>
          );
        }}
      </ListState>
    </>
  );
}
