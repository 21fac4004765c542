import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Area, CreateStation, Station, UpdateStation } from '../api/types';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalNumber, useForm } from '../ui/form-panel';
import { invalidateGeography } from './invalidate';

const FIELDS = ['code', 'name', 'areaCode', 'lat', 'lon'] as const;

/** Blank coordinates are left out: the server answers with a field error next to each. */
type NewStation = Omit<CreateStation, 'lat' | 'lon'> & Partial<Pick<CreateStation, 'lat' | 'lon'>>;

/** Creates or edits a duty station: a point in one of the country's areas. */
export function StationForm({
  station,
  areas,
  defaultArea,
  onDone,
}: {
  station: Station | null;
  areas: Area[];
  defaultArea: string;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const { values, field } = useForm({
    code: station?.code ?? '',
    name: station?.name ?? '',
    areaCode: station?.areaCode ?? (defaultArea || areas[0]?.code || ''),
    lat: station ? String(station.lat) : '',
    lon: station ? String(station.lon) : '',
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: values.name.trim(),
        areaCode: values.areaCode,
        lat: optionalNumber(values.lat),
        lon: optionalNumber(values.lon),
      };
      return station
        ? api.patch<Station>(`/stations/${station.id}`, {
            ...body,
            version: station.version,
          } satisfies UpdateStation)
        : api.post<Station>('/stations', { ...body, code: values.code.trim() } satisfies NewStation);
    },
    onSuccess: async () => {
      await invalidateGeography(client);
      onDone();
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS, { areaId: 'areaCode', area: 'areaCode' });

  return (
    <FormPanel
      title={station ? `Edit duty station ${station.code}` : 'New duty station'}
      submitLabel={station ? 'Save changes' : 'Create duty station'}
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate()}
      onCancel={onDone}
    >
      <TextField label="Code" {...field('code')} error={byField.code} required disabled={Boolean(station)} />
      <TextField label="Name" {...field('name')} error={byField.name} required />
      <SelectField
        label="Area"
        {...field('areaCode')}
        options={areas.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` }))}
        error={byField.areaCode}
        required
      />
      <TextField
        label="Latitude"
        {...field('lat')}
        error={byField.lat}
        inputMode="decimal"
        required
        hint="Decimal degrees, −90 to 90"
      />
      <TextField
        label="Longitude"
        {...field('lon')}
        error={byField.lon}
        inputMode="decimal"
        required
        hint="Decimal degrees, −180 to 180"
      />
    </FormPanel>
  );
}
