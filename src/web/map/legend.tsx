/** The map's key, in HTML (the style has no fonts), with the counts the map is showing. */
export function MapLegend({
  stations,
  stationsInCountry,
  areas,
  countryName,
}: {
  stations: number | null;
  stationsInCountry: number | null;
  areas: number | null;
  countryName: string | null;
}) {
  const count = (n: number | null) => (n === null ? '…' : n.toLocaleString());
  return (
    <section className="map-legend" aria-label="Map legend" data-testid="map-legend">
      <h2>Legend</h2>
      <ul className="legend-list">
        <li>
          <span className="swatch station" aria-hidden="true" />
          <span>
            Duty stations: <strong data-testid="station-count">{count(stations)}</strong>
            {countryName && stationsInCountry !== null
              ? ` (${count(stationsInCountry)} in ${countryName})`
              : ''}
          </span>
        </li>
        <li>
          <span className="swatch area" aria-hidden="true" />
          <span>
            Security risk management areas with boundaries: <strong>{count(areas)}</strong>
          </span>
        </li>
        <li>
          <span className="swatch country" aria-hidden="true" />
          <span>Countries (Natural Earth 1:110m)</span>
        </li>
      </ul>
    </section>
  );
}
