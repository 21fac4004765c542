import { useAreas, useCountries, useStations } from '../api/queries';
import { SelectField, TextField } from '../ui/field';

/** One itinerary segment as the form holds it (strings, as typed). */
export interface SegmentRow {
  key: string;
  countryCode: string;
  areaCode: string;
  stationCode: string;
  arrivesAt: string;
  departsAt: string;
  stopover: boolean;
  leavesAirport: boolean;
}

let counter = 0;
export const newSegment = (countryCode = ''): SegmentRow => ({
  key: `s${(counter++).toString(36)}`,
  countryCode,
  areaCode: '',
  stationCode: '',
  arrivesAt: '',
  departsAt: '',
  stopover: false,
  leavesAirport: true,
});

/**
 * Where and when one leg of the trip is: a country narrows the areas and duty stations; either an
 * area or a duty station is enough. A stopover counts only when the traveller leaves the airport.
 */
export function SegmentFields({
  index,
  row,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  row: SegmentRow;
  /** Server errors by field name of this segment (`arrivesAt`, `areaCode`…). */
  errors: Record<string, string>;
  onChange: (change: Partial<SegmentRow>) => void;
  onRemove?: () => void;
}) {
  const countries = useCountries();
  const areas = useAreas(row.countryCode, Boolean(row.countryCode));
  const stations = useStations(
    row.countryCode || undefined,
    row.areaCode || undefined,
    Boolean(row.countryCode),
  );
  return (
    <fieldset className="segment" data-testid="segment-row">
      <legend>Segment {index + 1}</legend>
      <div className="form-grid">
        <SelectField
          label="Country"
          value={row.countryCode}
          onChange={(v) => onChange({ countryCode: v, areaCode: '', stationCode: '' })}
          options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          placeholder="Choose a country"
          error={errors.countryCode}
        />
        <SelectField
          label="Area"
          value={row.areaCode}
          onChange={(v) => onChange({ areaCode: v, stationCode: '' })}
          options={(areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
          placeholder={row.countryCode ? 'Choose an area' : 'Choose a country first'}
          disabled={!row.countryCode}
          error={errors.areaCode ?? errors.area}
        />
        <SelectField
          label="Duty station"
          value={row.stationCode}
          onChange={(v) => onChange({ stationCode: v })}
          options={(stations.data ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))}
          placeholder="None (anywhere in the area)"
          disabled={!row.countryCode}
          error={errors.stationCode}
          hint="Optional: a duty station places you more precisely."
        />
        <TextField
          label="Arrives"
          type="datetime-local"
          value={row.arrivesAt}
          onChange={(v) => onChange({ arrivesAt: v })}
          required
          error={errors.arrivesAt}
        />
        <TextField
          label="Departs"
          type="datetime-local"
          value={row.departsAt}
          onChange={(v) => onChange({ departsAt: v })}
          required
          error={errors.departsAt}
        />
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              checked={row.stopover}
              onChange={(e) => onChange({ stopover: e.target.checked })}
            />
            Stopover (in transit)
          </label>
          {row.stopover ? (
            <label className="check">
              <input
                type="checkbox"
                checked={row.leavesAirport}
                onChange={(e) => onChange({ leavesAirport: e.target.checked })}
              />
              I leave the airport
            </label>
          ) : null}
          {errors.stopover || errors.leavesAirport ? (
            <span className="field-error">{errors.stopover ?? errors.leavesAirport}</span>
          ) : null}
        </div>
      </div>
      {errors[''] ? <p className="field-error">{errors['']}</p> : null}
      {onRemove ? (
        <button type="button" className="button secondary small" onClick={onRemove}>
          Remove segment {index + 1}
        </button>
      ) : null}
    </fieldset>
  );
}
