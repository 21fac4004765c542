import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type FieldProblem, ProblemError } from '../api/client';
import { refreshTravel } from '../api/travel-queries';
import {
  type CreateTravelRequest,
  TRAVEL_TYPES,
  type TravelRequest,
  type TravelType,
} from '../api/travel-types';
import { SelectField, TextAreaField } from '../ui/field';
import { FormProblem } from '../ui/form-errors';
import { newSegment, SegmentFields, type SegmentRow } from './segment-fields';

const TOP_FIELDS = ['personId', 'travelType', 'purpose', 'pcLevel', 'segments'] as const;

/** A datetime-local value ("2026-05-01T14:30", the browser's time) as an ISO instant, or as typed. */
const toInstant = (local: string) => {
  const d = new Date(local);
  return local && !Number.isNaN(d.getTime()) ? d.toISOString() : local;
};

export function toBody(
  personId: string | undefined,
  f: { travelType: TravelType; purpose: string; pcLevel: string },
  rows: readonly SegmentRow[],
): CreateTravelRequest {
  return {
    personId,
    travelType: f.travelType,
    purpose: f.purpose.trim(),
    pcLevel: f.pcLevel ? Number(f.pcLevel) : undefined,
    segments: rows.map((r) => ({
      ...(r.stationCode ? { stationCode: r.stationCode } : { areaCode: r.areaCode || undefined }),
      arrivesAt: toInstant(r.arrivesAt),
      departsAt: toInstant(r.departsAt),
      stopover: r.stopover,
      leavesAirport: r.stopover ? r.leavesAirport : true,
    })),
  };
}

/** Splits server field errors into the form's top fields, each segment's fields and the rest. */
export function placeErrors(error: unknown) {
  const top: Record<string, string> = {};
  const segments: Record<string, string>[] = [];
  const other: FieldProblem[] = [];
  if (!(error instanceof ProblemError)) return { top, segments, other };
  const add = (into: Record<string, string>, key: string, message: string) => {
    into[key] = into[key] ? `${into[key]}; ${message}` : message;
  };
  for (const fe of error.errors) {
    const path = fe.field.replace(/^body\./, '');
    const seg = /^segments\.(\d+)(?:\.(\w+))?/.exec(path);
    if (seg) {
      const n = Number(seg[1]);
      segments[n] ??= {};
      add(segments[n] as Record<string, string>, seg[2] ?? '', fe.message);
    } else if ((TOP_FIELDS as readonly string[]).includes(path)) add(top, path, fe.message);
    else other.push(fe);
  }
  return { top, segments, other };
}

/**
 * The travel request form, phone first: the itinerary as segments (area or duty station, arrival
 * and departure), then purpose, type and PC level. Server errors appear next to the field they
 * name (`segments.1.departsAt`), and nothing typed is lost when a submission fails.
 */
export function TravelForm({
  personId,
  onSaved,
}: {
  /** Omitted: the signed-in person's own profile. */
  personId?: string;
  onSaved: (saved: TravelRequest) => void;
}) {
  const client = useQueryClient();
  const [f, setF] = useState({ travelType: 'official' as TravelType, purpose: '', pcLevel: '' });
  const [rows, setRows] = useState<SegmentRow[]>(() => [newSegment()]);
  const save = useMutation({
    mutationFn: (body: CreateTravelRequest) => api.post<TravelRequest>('/travel/requests', body),
    onSuccess: (saved) => {
      void refreshTravel(client);
      onSaved(saved);
    },
  });
  const errors = placeErrors(save.error);
  const setRow = (key: string, change: Partial<SegmentRow>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(toBody(personId, f, rows));
  };

  return (
    <form className="panel travel-form" onSubmit={submit} noValidate data-testid="travel-form">
      <FormProblem error={save.error} other={errors.other} />
      {errors.top.segments ? <p className="field-error">{errors.top.segments}</p> : null}
      <h2>Itinerary</h2>
      {rows.map((row, n) => (
        <SegmentFields
          key={row.key}
          index={n}
          row={row}
          errors={errors.segments[n] ?? {}}
          onChange={(change) => setRow(row.key, change)}
          onRemove={rows.length > 1 ? () => setRows((c) => c.filter((r) => r.key !== row.key)) : undefined}
        />
      ))}
      <p>
        <button
          type="button"
          className="button secondary"
          onClick={() => setRows((c) => [...c, newSegment(c[c.length - 1]?.countryCode)])}
        >
          Add a segment
        </button>
      </p>
      <h2>The trip</h2>
      <div className="form-grid">
        <SelectField
          label="Travel type"
          value={f.travelType}
          onChange={(v) => setF({ ...f, travelType: v as TravelType })}
          options={TRAVEL_TYPES.map((t) => ({ value: t, label: t === 'official' ? 'Official' : 'Personal' }))}
          error={errors.top.travelType}
          hint="Clearance is required for official travel and recommended for personal travel."
        />
        <SelectField
          label="PC level"
          value={f.pcLevel}
          onChange={(v) => setF({ ...f, pcLevel: v })}
          options={[1, 2, 3, 4].map((l) => ({ value: String(l), label: `PC${l}` }))}
          placeholder="Not applicable"
          error={errors.top.pcLevel}
          hint="Programme criticality of the activities, required in PC-mandatory countries."
        />
        <div className="span-all">
          <TextAreaField
            label="Purpose"
            value={f.purpose}
            onChange={(v) => setF({ ...f, purpose: v })}
            rows={3}
            error={errors.top.purpose}
          />
        </div>
      </div>
      {errors.top.personId ? <p className="field-error">{errors.top.personId}</p> : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Sending…' : 'Request clearance'}
        </button>
      </div>
    </form>
  );
}
