import { useMemo, useState } from 'react';
import { useCountries } from '../api/queries';
import { Link } from '../router/router';
import { SelectField } from '../ui/field';
import { matches, PageHeader, SearchBox, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';

/** Countries with their counts of areas and duty stations; each opens its areas and stations. */
export default function CountriesScreen() {
  const query = useCountries();
  const [search, setSearch] = useState('');
  const [region, setRegion] = useState('');
  const [withStations, setWithStations] = useState(false);
  const regions = useMemo(
    () =>
      [...new Set((query.data ?? []).map((c) => c.region).filter(Boolean))]
        .sort()
        .map((r) => ({ value: r, label: r })),
    [query.data],
  );

  return (
    <>
      <PageHeader
        title="Countries"
        description="Country → security risk management areas → duty stations. Open a country to manage its areas and stations."
      />
      <div className="toolbar">
        <SearchBox value={search} onChange={setSearch} placeholder="Name or ISO code" />
        <SelectField
          label="Region"
          value={region}
          onChange={setRegion}
          options={regions}
          placeholder="All regions"
        />
        <label className="field inline checkbox">
          <span className="label">
            <input
              type="checkbox"
              checked={withStations}
              onChange={(e) => setWithStations(e.target.checked)}
            />{' '}
            Only with duty stations
          </span>
        </label>
      </div>
      <ListState query={query} empty="No countries are loaded.">
        {(rows) => {
          const shown = rows
            .filter((c) => (!region || c.region === region) && (!withStations || c.stationCount > 0))
            .filter((c) => matches(search, c.name, c.code, c.iso2))
            .sort((a, b) => a.name.localeCompare(b.name));
          return (
            <TableWrap label="Countries">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Country</th>
                    <th scope="col">ISO</th>
                    <th scope="col">Region</th>
                    <th scope="col">Subregion</th>
                    <th scope="col" className="num">
                      Areas
                    </th>
                    <th scope="col" className="num">
                      Duty stations
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((c) => (
                    <tr key={c.code}>
                      <td>
                        <Link to={`/countries/${c.code}`}>{c.name}</Link>
                      </td>
                      <td>{c.code}</td>
                      <td>{c.region}</td>
                      <td>{c.subregion}</td>
                      <td className="num">{c.areaCount}</td>
                      <td className="num">{c.stationCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="table-foot">
                {shown.length} of {rows.length} countries
              </p>
            </TableWrap>
          );
        }}
      </ListState>
    </>
  );
}
