import { lazy, Suspense, useState } from 'react';
import { useAreas, useCountries, useStations } from '../api/queries';
import { SelectField, TextField } from '../ui/field';
import { Loading } from '../ui/states';
import type { ErrorsByPath, IncidentFormState, Patch } from './form-model';

// MapLibre is about 250 KB compressed: fetched only when the reporter asks for the map.
const PlacePickerMap = lazy(() => import('./place-picker-map'));

/**
 * Where it happened: country, then the security area and duty station, and a point. The point can
 * be typed (from a phone's GPS app) or picked on the map; no map is needed to submit.
 */
export function PlaceFields({ f, set, errors }: { f: IncidentFormState; set: Patch; errors: ErrorsByPath }) {
  const countries = useCountries();
  const areas = useAreas(f.countryCode || undefined, Boolean(f.countryCode));
  const stations = useStations(f.countryCode || undefined, undefined, Boolean(f.countryCode));
  const [picking, setPicking] = useState(false);

  return (
    <fieldset className="place span-all">
      <legend>Where</legend>
      <div className="form-grid">
        <SelectField
          label="Country"
          value={f.countryCode}
          onChange={(countryCode) => set({ countryCode, areaCode: '', stationCode: '' })}
          options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          placeholder={countries.isPending ? 'Loading…' : 'Choose a country'}
          required
          error={errors.countryCode}
        />
        <SelectField
          label="Duty station"
          value={f.stationCode}
          onChange={(stationCode) => {
            const chosen = stations.data?.find((s) => s.code === stationCode);
            set({ stationCode, ...(chosen ? { areaCode: chosen.areaCode } : {}) });
          }}
          options={(stations.data ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))}
          placeholder={f.countryCode ? 'Nearest duty station (optional)' : 'Choose the country first'}
          disabled={!f.countryCode}
          error={errors.stationCode}
        />
        <SelectField
          label="Security area"
          value={f.areaCode}
          onChange={(areaCode) => set({ areaCode })}
          options={(areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
          placeholder={f.countryCode ? 'Not known' : 'Choose the country first'}
          disabled={!f.countryCode}
          error={errors.areaCode}
        />
        <div className="span-all">
          <TextField
            label="Place"
            value={f.location}
            onChange={(location) => set({ location })}
            maxLength={500}
            error={errors.location}
            hint="Street, village, road or landmark."
          />
        </div>
        <TextField
          label="Latitude"
          type="number"
          inputMode="decimal"
          step="any"
          min={-90}
          max={90}
          value={f.lat}
          onChange={(lat) => set({ lat })}
          error={errors.lat}
          hint="Decimal degrees, e.g. 34.5553. Blank: the duty station's position."
        />
        <TextField
          label="Longitude"
          type="number"
          inputMode="decimal"
          step="any"
          min={-180}
          max={180}
          value={f.lon}
          onChange={(lon) => set({ lon })}
          error={errors.lon}
          hint="Decimal degrees, e.g. 69.2075"
        />
        <div className="span-all place-actions">
          <button
            type="button"
            className="button secondary"
            aria-expanded={picking}
            onClick={() => setPicking((p) => !p)}
          >
            {picking ? 'Close the map' : 'Pick the point on a map'}
          </button>
        </div>
        {picking ? (
          <div className="span-all">
            <Suspense fallback={<Loading label="Loading the map…" />}>
              <PlacePickerMap
                lat={f.lat}
                lon={f.lon}
                country={countries.data?.find((c) => c.code === f.countryCode) ?? null}
                onPick={(lat, lon) => set({ lat, lon })}
              />
            </Suspense>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}
