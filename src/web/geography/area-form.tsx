import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import type { Area, CreateArea, UpdateArea } from '../api/types';
import { TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalText, useForm } from '../ui/form-panel';
import { invalidateGeography } from './invalidate';

const FIELDS = ['code', 'name', 'pcode', 'polygon'] as const;

type Geometry = NonNullable<CreateArea['polygon']>;

/**
 * Parses the optional boundary; blank means "no change" (edit) or "none" (create). The server
 * checks the geometry itself and names a bad position; it takes only a JSON object.
 */
function parsePolygon(text: string): { value?: Geometry; error?: string } {
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'Not valid JSON. Paste a GeoJSON Polygon or MultiPolygon geometry.' };
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? { value: parsed as Geometry }
    : { error: 'Not a geometry. Paste a GeoJSON Polygon or MultiPolygon geometry.' };
}

/** Creates or edits a security risk management area of one country. */
export function AreaForm({
  countryCode,
  area,
  onDone,
}: {
  countryCode: string;
  area: Area | null;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [polygonError, setPolygonError] = useState<string | undefined>();
  const { values, field } = useForm({
    code: area?.code ?? '',
    name: area?.name ?? '',
    pcode: area?.pcode ?? '',
    polygon: '',
  });
  const save = useMutation({
    mutationFn: (polygon: Geometry | undefined) =>
      area
        ? api.patch<Area>(`/areas/${area.id}`, {
            name: values.name.trim(),
            pcode: optionalText(values.pcode) ?? null,
            polygon,
            version: area.version,
          } satisfies UpdateArea)
        : api.post<Area>('/areas', {
            code: values.code.trim(),
            name: values.name.trim(),
            countryCode,
            pcode: optionalText(values.pcode),
            polygon,
          } satisfies CreateArea),
    onSuccess: async () => {
      await invalidateGeography(client);
      onDone();
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS);
  const submit = () => {
    const polygon = parsePolygon(values.polygon);
    setPolygonError(polygon.error);
    if (!polygon.error) save.mutate(polygon.value);
  };

  return (
    <FormPanel
      title={area ? `Edit area ${area.code}` : `New area in ${countryCode}`}
      submitLabel={area ? 'Save changes' : 'Create area'}
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={submit}
      onCancel={onDone}
    >
      <TextField label="Code" {...field('code')} error={byField.code} required disabled={Boolean(area)} />
      <TextField label="Name" {...field('name')} error={byField.name} required />
      <TextField label="OCHA P-code" {...field('pcode')} error={byField.pcode} hint="Optional, e.g. KE047" />
      <div className="span-all">
        <TextAreaField
          label="Boundary (GeoJSON geometry)"
          {...field('polygon')}
          rows={4}
          error={polygonError ?? byField.polygon}
          hint={
            area?.hasPolygon
              ? 'This area has a boundary. Leave blank to keep it; paste a new geometry to replace it.'
              : 'Optional. A Polygon or MultiPolygon with [longitude, latitude] positions.'
          }
        />
      </div>
    </FormPanel>
  );
}
