import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { refreshThreats } from '../api/threat-queries';
import {
  type CreateHazardAssessment,
  HAZARD_TYPES,
  type Hazard,
  type HazardAssessment,
  type HazardType,
  HOST_CAPACITY,
  type HostCapacity,
} from '../api/threat-types';
import { levelOptions, today, toLevel } from '../threats/levels';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel } from '../ui/form-panel';

export const HAZARD_LABELS: Record<HazardType, string> = {
  earthquake: 'Earthquake',
  flood: 'Flood',
  cyclone: 'Cyclone',
  drought: 'Drought',
  landslide: 'Landslide',
  volcano: 'Volcano',
  tsunami: 'Tsunami',
  extreme_heat: 'Extreme heat',
  wildfire: 'Wildfire',
  epidemic: 'Epidemic',
  road_safety: 'Road safety',
  industrial: 'Industrial accident',
  other: 'Other',
};

export const CAPACITY_LABELS: Record<HostCapacity, string> = {
  none: 'None',
  limited: 'Limited',
  moderate: 'Moderate',
  strong: 'Strong',
};

const typeOptions = HAZARD_TYPES.map((t) => ({ value: t, label: HAZARD_LABELS[t] }));

/** Drafts a hazard assessment (hazards and host-government capacity), starting from the latest. */
export function HazardForm({
  areaCode,
  from,
  onDone,
}: {
  areaCode: string;
  from: HazardAssessment | undefined;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [hostCapacity, setHostCapacity] = useState<HostCapacity>(from?.hostCapacity ?? 'limited');
  const [notes, setNotes] = useState(from?.hostCapacityNotes ?? '');
  const [hazards, setHazards] = useState<Hazard[]>(from?.hazards.map((h) => ({ ...h })) ?? []);
  const save = useMutation({
    mutationFn: () =>
      api.post<HazardAssessment>('/threats/hazards', {
        areaCode,
        effectiveDate,
        hostCapacity,
        hostCapacityNotes: notes.trim(),
        hazards: hazards.map((h) => ({ ...h, notes: h.notes.trim() })),
      } satisfies CreateHazardAssessment),
    onSuccess: async () => {
      await refreshThreats(client);
      onDone();
    },
  });
  const { byField, other } = splitProblem(save.error, [
    'effectiveDate',
    'hostCapacity',
    'hostCapacityNotes',
    'hazards',
  ]);
  const set = (i: number, patch: Partial<Hazard>) =>
    setHazards((list) => list.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const unused = HAZARD_TYPES.find((t) => !hazards.some((h) => h.type === t)) ?? 'other';

  return (
    <FormPanel
      title={`New hazard assessment for ${areaCode}`}
      submitLabel="Create draft"
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate()}
      onCancel={onDone}
    >
      <TextField
        label="Effective date"
        type="date"
        value={effectiveDate}
        onChange={setEffectiveDate}
        error={byField.effectiveDate}
        required
      />
      <SelectField
        label="Host government response capacity"
        value={hostCapacity}
        onChange={(v) => setHostCapacity(v as HostCapacity)}
        options={HOST_CAPACITY.map((c) => ({ value: c, label: CAPACITY_LABELS[c] }))}
        error={byField.hostCapacity}
      />
      <div className="span-all prose-field">
        <TextAreaField
          label="Host capacity notes"
          value={notes}
          onChange={setNotes}
          error={byField.hostCapacityNotes}
          rows={3}
        />
      </div>
      <fieldset className="contacts-editor span-all">
        <legend className="label">Hazards</legend>
        {hazards.map((h, i) => (
          // Keyed by position: keying by type would remount the row (and drop focus) when it changes.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div className="hazard-row" key={i}>
            <SelectField
              label={`Hazard ${i + 1}`}
              value={h.type}
              onChange={(v) => set(i, { type: v as HazardType })}
              options={typeOptions.filter(
                (o) => o.value === h.type || !hazards.some((x) => x.type === o.value),
              )}
            />
            <SelectField
              label={`Hazard ${i + 1} level`}
              value={String(h.level)}
              onChange={(v) => set(i, { level: toLevel(v) })}
              options={levelOptions}
            />
            <TextField
              label={`Hazard ${i + 1} notes`}
              value={h.notes}
              onChange={(v) => set(i, { notes: v })}
            />
            <button
              type="button"
              className="button secondary small"
              aria-label={`Remove hazard ${i + 1}`}
              onClick={() => setHazards((list) => list.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button secondary small"
          disabled={hazards.length >= 20}
          onClick={() => setHazards((list) => [...list, { type: unused, level: 3, notes: '' }])}
        >
          Add hazard
        </button>
        {byField.hazards ? <p className="field-error">{byField.hazards}</p> : null}
      </fieldset>
    </FormPanel>
  );
}
