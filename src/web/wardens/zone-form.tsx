import { useState } from 'react';
import { useAreas, useCountries, useOrganizations, useStations } from '../api/queries';
import { useMe } from '../auth/session';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { type CreateZone, useCreateZone, type ZoneDetail } from './wardens-api';

const FIELDS = [
  'code',
  'name',
  'countryCode',
  'kind',
  'organizationCode',
  'stationCodes',
  'areaCodes',
  'polygon',
];

/** Ticks codes from a list (stations or areas of the chosen country). */
export function CodeChecks({
  legend,
  options,
  selected,
  onChange,
  error,
}: {
  legend: string;
  options: { code: string; name: string }[];
  selected: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className={`field${error ? ' has-error' : ''}`}>
      <legend className="label">{legend}</legend>
      {options.length === 0 ? (
        <p className="muted small">None in this country.</p>
      ) : (
        <div className="wz-checks">
          {options.map((o) => (
            <label key={o.code}>
              <input
                type="checkbox"
                checked={selected.includes(o.code)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, o.code] : selected.filter((c) => c !== o.code))
                }
              />{' '}
              {o.code} · {o.name}
            </label>
          ))}
        </div>
      )}
      {error ? <span className="field-error">{error}</span> : null}
    </fieldset>
  );
}

/** Parses pasted GeoJSON (a geometry, or a Feature holding one); the server checks the shape. */
export function parsePolygon(text: string): { value: unknown; error?: string } {
  const t = text.trim();
  if (!t) return { value: null };
  try {
    const v = JSON.parse(t) as { type?: string; geometry?: unknown };
    return { value: v?.type === 'Feature' ? v.geometry : v };
  } catch {
    return { value: undefined, error: 'not valid JSON' };
  }
}

/** Creates a zone by picking stations and areas of a country and/or pasting a GeoJSON polygon. */
export function ZoneForm({
  country,
  onCancel,
  onCreated,
}: {
  country: string;
  onCancel: () => void;
  onCreated: (z: ZoneDetail) => void;
}) {
  const me = useMe();
  const myOrg = me.grants.find(
    (g) => g.scopeType === 'organization' && g.role === 'org_security_focal_point',
  );
  const { values, field } = useForm({
    code: '',
    name: '',
    countryCode: country,
    kind: myOrg && !me.grants.some((g) => g.scopeType === 'country') ? 'organization' : 'geographic',
    organizationCode: '',
    polygon: '',
    description: '',
  });
  const [stationCodes, setStations] = useState<string[]>([]);
  const [areaCodes, setAreas] = useState<string[]>([]);
  const [jsonError, setJsonError] = useState<string>();
  const countries = useCountries();
  const organizations = useOrganizations(values.kind === 'organization');
  const stations = useStations(values.countryCode || undefined, undefined, values.countryCode.length === 3);
  const areas = useAreas(values.countryCode || undefined, values.countryCode.length === 3);
  const create = useCreateZone(onCreated);
  const { byField, other } = splitProblem(create.error, FIELDS);
  return (
    <FormPanel
      title="New warden zone"
      submitLabel="Create zone"
      pending={create.isPending}
      error={create.error}
      other={other}
      onCancel={onCancel}
      onSubmit={() => {
        const polygon = parsePolygon(values.polygon);
        setJsonError(polygon.error);
        if (polygon.error) return;
        const body: CreateZone = {
          code: values.code,
          name: values.name,
          countryCode: values.countryCode,
          kind: values.kind as CreateZone['kind'],
          description: values.description,
          stationCodes,
          areaCodes,
          polygon: polygon.value as CreateZone['polygon'],
          ...(values.kind === 'organization' ? { organizationCode: values.organizationCode } : {}),
        };
        create.mutate(body);
      }}
    >
      <TextField label="Code" required {...field('code')} error={byField.code} hint="e.g. KBL-ZONE-3" />
      <TextField label="Name" required {...field('name')} error={byField.name} />
      <SelectField
        label="Country"
        required
        {...field('countryCode')}
        options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
        placeholder="Choose…"
        error={byField.countryCode}
      />
      <SelectField
        label="Kind"
        {...field('kind')}
        options={[
          { value: 'geographic', label: 'Geographic (appointed by the DO)' },
          { value: 'organization', label: 'Organization (appointed by its head of office)' },
        ]}
        error={byField.kind}
      />
      {values.kind === 'organization' ? (
        <SelectField
          label="Organization"
          required
          {...field('organizationCode')}
          options={(organizations.data ?? []).map((o) => ({ value: o.code, label: `${o.code} · ${o.name}` }))}
          placeholder="Choose…"
          error={byField.organizationCode}
        />
      ) : null}
      <CodeChecks
        legend="Duty stations"
        options={stations.data ?? []}
        selected={stationCodes}
        onChange={setStations}
        error={byField.stationCodes}
      />
      <CodeChecks
        legend="Residence areas"
        options={areas.data ?? []}
        selected={areaCodes}
        onChange={setAreas}
        error={byField.areaCodes}
      />
      <TextAreaField
        label="Polygon (GeoJSON, optional)"
        {...field('polygon')}
        rows={4}
        hint='A Polygon or MultiPolygon, [longitude, latitude]: {"type":"Polygon","coordinates":[[[…]]]}'
        error={jsonError ?? byField.polygon}
      />
      <TextAreaField label="Description" {...field('description')} rows={2} />
    </FormPanel>
  );
}
