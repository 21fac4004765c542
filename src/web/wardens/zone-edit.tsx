import { useState } from 'react';
import { useAreas, useStations } from '../api/queries';
import { TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { type UpdateZone, useUpdateZone, type ZoneDetail } from './wardens-api';
import { CodeChecks, parsePolygon } from './zone-form';

const FIELDS = ['name', 'description', 'stationCodes', 'areaCodes', 'polygon'];

/** Changes a zone's name and definition over the version read (409 when someone changed it first). */
export function ZoneEdit({ zone, onDone }: { zone: ZoneDetail; onDone: () => void }) {
  const { values, field } = useForm({
    name: zone.name,
    description: zone.description,
    polygon: zone.polygon ? JSON.stringify(zone.polygon) : '',
  });
  const [stationCodes, setStations] = useState(zone.stations.map((s) => s.code));
  const [areaCodes, setAreas] = useState(zone.areas.map((a) => a.code));
  const [jsonError, setJsonError] = useState<string>();
  const stations = useStations(zone.countryCode);
  const areas = useAreas(zone.countryCode);
  const update = useUpdateZone(zone.id, onDone);
  const { byField, other } = splitProblem(update.error, FIELDS);
  return (
    <FormPanel
      title="Change the zone"
      submitLabel="Save"
      pending={update.isPending}
      error={update.error}
      other={other}
      onCancel={onDone}
      onSubmit={() => {
        const polygon = parsePolygon(values.polygon);
        setJsonError(polygon.error);
        if (polygon.error) return;
        const body: UpdateZone = {
          version: zone.version,
          name: values.name,
          description: values.description,
          stationCodes,
          areaCodes,
          polygon: polygon.value as UpdateZone['polygon'],
        };
        update.mutate(body);
      }}
    >
      <TextField label="Name" required {...field('name')} error={byField.name} />
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
        hint="Empty removes the polygon."
        error={jsonError ?? byField.polygon}
      />
      <TextAreaField label="Description" {...field('description')} rows={2} error={byField.description} />
    </FormPanel>
  );
}
