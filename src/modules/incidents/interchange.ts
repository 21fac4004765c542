/**
 * What the SiND and HXL importers share: the shape of one mapped row, and small pure helpers for
 * values that arrive as text. No I/O.
 */
import type { z } from 'zod';
import type { FieldError } from '../../server/errors';
import { type IncidentInput, incidentFields } from './incidents.schema';

/** Where an imported incident came from; (source, sourceId) makes re-import update, not duplicate. */
export interface Provenance {
  source: 'sind' | 'hxl';
  sourceId: string | null;
  sourceRecord?: unknown;
}

/** One source row turned into the standard form, or the reasons it cannot be. */
export type MappedRow =
  | {
      ok: true;
      eventId: string;
      input: IncidentInput;
      provenance: Provenance;
      /** The source column behind a standard-form field (e.g. `lat` → "Latitude"), for messages. */
      columnOf(field: string): string;
    }
  | { ok: false; eventId?: string; errors: FieldError[] };

export const TITLE_MAX = 300;

/**
 * A title from a description: the text itself when short enough, else cut at a word boundary with
 * an ellipsis. Sources such as SiND have one free-text description and no title.
 */
export function titleFrom(description: string, max = TITLE_MAX): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/**
 * A count given as text or number: blank means 0 (sources leave zero cells empty); anything else
 * must be a whole number of at least 0.
 */
export function parseCount(value: unknown): number | { message: string } {
  if (value === null || value === undefined) return 0;
  const text = String(value).trim();
  if (text === '') return 0;
  if (!/^[+-]?\d+(\.0+)?$/.test(text)) return { message: `"${text}" is not a whole number` };
  const n = Number(text);
  if (n < 0) return { message: `${n} is negative` };
  return n;
}

/** A coordinate given as text or number; blank means none. */
export function parseCoordinate(value: unknown): number | null | { message: string } {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : { message: `"${text}" is not a number` };
}

/** Text cells: trimmed, with the source's "no information" markers read as unknown (empty). */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value).trim();
  return /^no information( on the weapon used)?\.?$/i.test(text) ? '' : text;
}

export const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Organizations of the platform, to recognise the ones a source names. */
export interface KnownOrganization {
  code: string;
  name: string;
}

/** Matches names against the platform's organizations by code or name, case-insensitively. */
export function organizationMatcher(organizations: readonly KnownOrganization[]) {
  const byKey = new Map<string, string>();
  for (const o of organizations) {
    byKey.set(o.name.trim().toLowerCase(), o.code);
    byKey.set(o.code.trim().toLowerCase(), o.code);
  }
  return (name: string): string | undefined => byKey.get(name.trim().toLowerCase());
}

/**
 * Runs the standard form's own schema over a mapped row, naming the source column in each problem,
 * so that an overlong title or a latitude of 200 is reported as the source spells it.
 */
export function checkForm(
  raw: z.input<typeof incidentFields>,
  columnOf: (field: string) => string,
): { input: IncidentInput } | { errors: FieldError[] } {
  const parsed = incidentFields.safeParse(raw);
  if (parsed.success) return { input: parsed.data };
  return {
    errors: parsed.error.issues.map((i) => ({
      field: columnOf(i.path.map(String).join('.')),
      message: i.message,
    })),
  };
}
