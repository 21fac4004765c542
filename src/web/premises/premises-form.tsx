import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useStations } from '../api/queries';
import {
  type Country,
  type CreatePremises,
  type Organization,
  PREMISES_KINDS,
  type Premises,
  type UpdatePremises,
} from '../api/types';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalNumber, optionalText, useForm } from '../ui/form-panel';

const FIELDS = [
  'code',
  'name',
  'kind',
  'organizationCode',
  'country',
  'stationCode',
  'lat',
  'lon',
  'address',
] as const;
const coordinate = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** Registers premises (a facility) of an organization at a duty station, or edits them. */
export function PremisesForm({
  premises,
  organizations,
  countries,
  defaultCountry,
  onDone,
}: {
  premises: Premises | null;
  organizations: Organization[];
  countries: Country[];
  defaultCountry: string;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const { values, field } = useForm({
    code: premises?.code ?? '',
    name: premises?.name ?? '',
    kind: premises?.kind ?? 'office',
    organizationCode: premises?.organizationCode ?? '',
    country: premises?.countryCode ?? defaultCountry,
    stationCode: premises?.stationCode ?? '',
    lat: coordinate(premises?.lat),
    lon: coordinate(premises?.lon),
    address: premises?.address ?? '',
  });
  // The station list is per country, so a long worldwide list never has to be scrolled.
  const stations = useStations(values.country, undefined, Boolean(values.country));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: values.name.trim(),
        kind: values.kind,
        stationCode: values.stationCode,
        // Blank coordinates mean "the duty station's position": null clears them on edit.
        lat: optionalNumber(values.lat) ?? (premises ? null : undefined),
        lon: optionalNumber(values.lon) ?? (premises ? null : undefined),
        address: premises ? values.address.trim() : optionalText(values.address),
      };
      return premises
        ? api.patch<Premises>(`/premises/${premises.id}`, {
            ...body,
            version: premises.version,
          } satisfies UpdatePremises)
        : api.post<Premises>('/premises', {
            ...body,
            code: values.code.trim(),
            organizationCode: values.organizationCode,
          } satisfies CreatePremises);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['premises'] });
      onDone();
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS, {
    organizationId: 'organizationCode',
    organization: 'organizationCode',
    stationId: 'stationCode',
    station: 'stationCode',
  });

  return (
    <FormPanel
      title={premises ? `Edit premises ${premises.code}` : 'New premises'}
      submitLabel={premises ? 'Save changes' : 'Create premises'}
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate()}
      onCancel={onDone}
    >
      <TextField label="Code" {...field('code')} error={byField.code} required disabled={Boolean(premises)} />
      <TextField label="Name" {...field('name')} error={byField.name} required />
      <SelectField
        label="Kind"
        {...field('kind')}
        options={PREMISES_KINDS.map((k) => ({ value: k, label: k }))}
        error={byField.kind}
        required
      />
      <SelectField
        label="Organization"
        {...field('organizationCode')}
        options={organizations.map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }))}
        placeholder="Choose…"
        error={byField.organizationCode}
        required
        disabled={Boolean(premises)}
      />
      <SelectField
        label="Country"
        {...field('country')}
        options={countries.filter((c) => c.stationCount > 0).map((c) => ({ value: c.code, label: c.name }))}
        placeholder="Choose…"
        hint="Countries that have duty stations"
      />
      <SelectField
        label="Duty station"
        {...field('stationCode')}
        options={(stations.data ?? []).map((s) => ({ value: s.code, label: `${s.code} — ${s.name}` }))}
        placeholder={stations.isFetching ? 'Loading…' : values.country ? 'Choose…' : 'Choose a country first'}
        error={byField.stationCode}
        required
      />
      <TextField label="Latitude" {...field('lat')} error={byField.lat} inputMode="decimal" hint="Optional" />
      <TextField
        label="Longitude"
        {...field('lon')}
        error={byField.lon}
        inputMode="decimal"
        hint="Optional"
      />
      <div className="span-all">
        <TextField label="Address" {...field('address')} error={byField.address} />
      </div>
    </FormPanel>
  );
}
