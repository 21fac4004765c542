import type { Feature, Point } from 'geojson';
import type { Country, StationFeatureProps } from '../api/types';
import { Link } from '../router/router';
import { SelectField } from '../ui/field';

type StationFeature = Feature<Point, StationFeatureProps>;

/**
 * Country and duty-station pickers over the map. The station list is also the keyboard and
 * screen-reader way to reach what the circles show.
 */
export function MapControls({
  countries,
  countriesLoading,
  country,
  onCountry,
  stations,
  onStation,
}: {
  countries: Country[];
  countriesLoading: boolean;
  country: Country | null;
  onCountry: (code: string) => void;
  stations: StationFeature[];
  onStation: (station: StationFeature) => void;
}) {
  const options = [...countries]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ value: c.code, label: c.stationCount ? `${c.name} (${c.stationCount})` : c.name }));
  const own = country
    ? stations
        .filter((s) => s.properties.countryCode === country.code)
        .sort((a, b) => a.properties.name.localeCompare(b.properties.name))
    : [];

  return (
    <div className="map-controls">
      <SelectField
        label="Country"
        value={country?.code ?? ''}
        onChange={onCountry}
        options={options}
        placeholder={countriesLoading ? 'Loading countries…' : 'Whole world'}
      />
      {country && own.length > 0 ? (
        <SelectField
          label="Duty station"
          value=""
          onChange={(code) => {
            const station = own.find((s) => s.properties.code === code);
            if (station) onStation(station);
          }}
          options={own.map((s) => ({ value: s.properties.code, label: s.properties.name }))}
          placeholder={`Show one of ${own.length}…`}
        />
      ) : null}
      {country ? (
        <p className="hint">
          <Link to={`/countries/${country.code}`}>Areas and stations of {country.name}</Link>
        </p>
      ) : null}
    </div>
  );
}
