import { ProblemError } from '../api/client';
import type {
  ImpactKind,
  Incident,
  IncidentInput,
  Outcome,
  PersonnelCategory,
  Relevance,
  Sex,
} from '../api/incident-types';
import { fromYesNo, yesNo } from './labels';

/**
 * The standard incident form as the browser holds it: strings for what inputs edit, converted to
 * the API's body on submit. Kept in one plain object so that it can be saved as a draft and
 * survive a failed submission or a dropped connection.
 */
export interface PersonRow {
  key: string;
  /** One named person (count 1) or a group given as a count. */
  mode: 'person' | 'count';
  organizationCode: string;
  category: PersonnelCategory;
  sex: Sex;
  outcome: Outcome | '';
  count: string;
  onDuty: string;
  directlyTargeted: string;
  inCaptivity: boolean;
  personName: string;
  lineManagerEmail: string;
}

export interface ImpactRow {
  key: string;
  kind: ImpactKind;
  organizationCode: string;
  premisesCode: string;
  description: string;
  estimatedLoss: string;
}

export interface IncidentFormState {
  date: string;
  time: string;
  offset: string;
  countryCode: string;
  areaCode: string;
  stationCode: string;
  lat: string;
  lon: string;
  location: string;
  categoryCode: string;
  relevance: Relevance;
  perpetratorType: string;
  weapon: string;
  context: string;
  title: string;
  narrative: string;
  sensitiveDetails: string;
  organizationCodes: string[];
  personnel: PersonRow[];
  impacts: ImpactRow[];
}

export type Patch = (change: Partial<IncidentFormState>) => void;

let counter = 0;
/** A key for a new row (React lists), unique within the page. */
export const rowKey = () => `r${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Rows read from the server keep the stored row's id as their key; new rows have `r…` keys. */
export const isStoredRow = (row: { key: string }) => /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(row.key);

const two = (n: number) => String(n).padStart(2, '0');

/** The UTC offset of this browser on a date, e.g. "+04:30" (the default for a new report). */
export function browserOffset(at = new Date()): string {
  const minutes = -at.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** Every offset in use around the world, −12:00 to +14:00 by quarter hours, for the offset select. */
export function offsetOptions(current: string): { value: string; label: string }[] {
  const values = new Set<string>();
  for (let q = -48; q <= 56; q++) {
    const m = q * 15;
    const abs = Math.abs(m);
    if (abs % 30 !== 0 && ![345, 525, 765].includes(abs)) continue; // +05:45, +08:45, +12:45
    values.add(`${m < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`);
  }
  if (current) values.add(current);
  return [...values]
    .sort((a, b) => offsetMinutes(a) - offsetMinutes(b))
    .map((v) => ({ value: v, label: `UTC${v}` }));
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Today in this browser, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

export function emptyForm(now = new Date()): IncidentFormState {
  return {
    date: localToday(now),
    time: '',
    offset: browserOffset(now),
    countryCode: '',
    areaCode: '',
    stationCode: '',
    lat: '',
    lon: '',
    location: '',
    categoryCode: '',
    relevance: 'organization',
    perpetratorType: '',
    weapon: '',
    context: '',
    title: '',
    narrative: '',
    sensitiveDetails: '',
    organizationCodes: [],
    personnel: [],
    impacts: [],
  };
}

export function newPerson(mode: PersonRow['mode'], organizationCode = ''): PersonRow {
  return {
    key: rowKey(),
    mode,
    organizationCode,
    category: 'unknown',
    sex: 'unknown',
    outcome: '',
    count: mode === 'person' ? '1' : '',
    onDuty: '',
    directlyTargeted: '',
    inCaptivity: false,
    personName: '',
    lineManagerEmail: '',
  };
}

export function newImpact(kind: ImpactKind, organizationCode = ''): ImpactRow {
  return { key: rowKey(), kind, organizationCode, premisesCode: '', description: '', estimatedLoss: '' };
}

const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());
/** A typed number; blank is left out, anything unreadable is sent as null for the server to name. */
const numberOrNull = (s: string) =>
  s.trim() === '' ? undefined : Number.isFinite(Number(s)) ? Number(s) : null;

/** The request body of the form (POST /incidents, and the base a correction is compared with). */
export function toBody(f: IncidentFormState): IncidentInput {
  // Blank coordinates are sent as null, so that a correction can remove them.
  const lat = numberOrNull(f.lat) ?? null;
  const lon = numberOrNull(f.lon) ?? null;
  return {
    ...(f.time ? { occurredAt: `${f.date}T${f.time}:00${f.offset}` } : { occurredOn: f.date }),
    countryCode: f.countryCode,
    areaCode: optional(f.areaCode) ?? null,
    stationCode: optional(f.stationCode) ?? null,
    lat,
    lon,
    location: f.location.trim(),
    categoryCode: f.categoryCode,
    relevance: f.relevance,
    perpetratorType: f.perpetratorType.trim(),
    weapon: f.weapon.trim(),
    context: f.context.trim(),
    title: f.title.trim(),
    narrative: f.narrative.trim(),
    sensitiveDetails: f.sensitiveDetails.trim(),
    organizationCodes: f.organizationCodes,
    personnel: f.personnel.map((p) => ({
      // The stored row a correction stands for: restricted values the writer cannot see stay with it.
      ...(isStoredRow(p) ? { id: p.key } : {}),
      organizationCode: optional(p.organizationCode),
      category: p.category,
      sex: p.sex,
      outcome: p.outcome as Outcome,
      count: p.mode === 'person' ? 1 : (numberOrNull(p.count) ?? (null as unknown as number)),
      onDuty: fromYesNo(p.onDuty),
      directlyTargeted: fromYesNo(p.directlyTargeted),
      inCaptivity: p.outcome === 'abducted' && p.inCaptivity,
      personName: p.mode === 'person' ? p.personName.trim() : '',
      lineManagerEmail: p.lineManagerEmail.trim(),
    })),
    impacts: f.impacts.map((i) => ({
      kind: i.kind,
      organizationCode: optional(i.organizationCode),
      premisesCode: i.kind === 'premises' ? optional(i.premisesCode) : undefined,
      description: i.description.trim(),
      estimatedLoss: numberOrNull(i.estimatedLoss),
    })),
  };
}

/** The local wall-clock time of an instant at a UTC offset, as HH:MM. */
function localTime(instant: string, offset: string): string {
  const at = new Date(new Date(instant).getTime() + offsetMinutes(offset) * 60_000);
  return Number.isNaN(at.getTime()) ? '' : at.toISOString().slice(11, 16);
}

/** The form prefilled with a recorded incident, for a correction. Withheld values stay blank. */
export function fromIncident(i: Incident): IncidentFormState {
  const offset = i.utcOffset ?? browserOffset();
  return {
    date: i.occurredOn,
    time: i.occurredAt ? localTime(i.occurredAt, offset) : '',
    offset,
    countryCode: i.countryCode,
    areaCode: i.area?.code ?? '',
    stationCode: i.station?.code ?? '',
    lat: i.lat === null ? '' : String(i.lat),
    lon: i.lon === null ? '' : String(i.lon),
    location: i.location,
    categoryCode: i.categoryCode,
    relevance: i.relevance,
    perpetratorType: i.perpetratorType,
    weapon: i.weapon,
    context: i.context,
    title: i.title,
    narrative: i.narrative,
    sensitiveDetails: i.sensitiveDetails ?? '',
    organizationCodes: i.organizations.map((o) => o.code),
    personnel: i.personnel.map((p) => ({
      key: p.id,
      mode: p.count === 1 ? 'person' : 'count',
      organizationCode: p.organization?.code ?? '',
      category: p.category,
      sex: p.sex,
      outcome: p.outcome,
      count: String(p.count),
      onDuty: yesNo(p.onDuty),
      directlyTargeted: yesNo(p.directlyTargeted),
      inCaptivity: p.inCaptivity,
      personName: p.personName ?? '',
      lineManagerEmail: p.lineManagerEmail ?? '',
    })),
    impacts: i.impacts.map((m) => ({
      key: m.id,
      kind: m.kind,
      organizationCode: m.organization?.code ?? '',
      premisesCode: m.premises?.code ?? '',
      description: m.description,
      estimatedLoss: m.estimatedLoss === null ? '' : String(m.estimatedLoss),
    })),
  };
}

/**
 * Only what a correction changed, field by field (lists compared whole). Fields the reader never
 * saw (withheld) are therefore never sent, so a correction cannot blank them by accident.
 */
export function changedFields(before: IncidentInput, after: IncidentInput): Partial<IncidentInput> {
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[field];
    if (JSON.stringify(old ?? null) !== JSON.stringify(value ?? null)) changed[field] = value;
  }
  // The date and the instant travel together: a changed time also restates the date, and back.
  if (
    'occurredAt' in changed ||
    'occurredOn' in changed ||
    'occurredAt' in before !== 'occurredAt' in after
  ) {
    if (after.occurredAt) changed.occurredAt = after.occurredAt;
    else changed.occurredOn = after.occurredOn;
  }
  return changed as Partial<IncidentInput>;
}

/** Server field errors by their full path (`personnel.0.count`), for the field that path names. */
export type ErrorsByPath = Record<string, string>;

export function errorsByPath(error: unknown): ErrorsByPath {
  const out: ErrorsByPath = {};
  if (!(error instanceof ProblemError)) return out;
  for (const fe of error.errors) {
    const path = fe.field.replace(/^body\./, '');
    out[path] = out[path] ? `${out[path]}; ${fe.message}` : fe.message;
  }
  return out;
}

/** The paths the form shows next to a field; any other error is listed above the form. */
export function shownPaths(f: IncidentFormState): Set<string> {
  const top = [
    'occurredOn',
    'occurredAt',
    'countryCode',
    'areaCode',
    'stationCode',
    'lat',
    'lon',
    'location',
    'categoryCode',
    'relevance',
    'perpetratorType',
    'weapon',
    'context',
    'title',
    'narrative',
    'sensitiveDetails',
    'organizationCodes',
    'personnel',
    'impacts',
    'reason',
  ];
  const paths = new Set(top);
  const personFields = [
    'organizationCode',
    'category',
    'sex',
    'outcome',
    'count',
    'onDuty',
    'directlyTargeted',
    'inCaptivity',
    'personName',
    'lineManagerEmail',
  ];
  f.personnel.forEach((_, i) => {
    paths.add(`personnel.${i}`);
    for (const k of personFields) paths.add(`personnel.${i}.${k}`);
  });
  f.impacts.forEach((_, i) => {
    paths.add(`impacts.${i}`);
    for (const k of ['kind', 'organizationCode', 'premisesCode', 'description', 'estimatedLoss'])
      paths.add(`impacts.${i}.${k}`);
  });
  f.organizationCodes.forEach((_, i) => {
    paths.add(`organizationCodes.${i}`);
  });
  return paths;
}

/** What must be filled before a submission is worth a round trip on a slow link. */
export function missingRequired(f: IncidentFormState): ErrorsByPath {
  const out: ErrorsByPath = {};
  if (!f.date) out.occurredOn = 'required';
  if (!f.countryCode) out.countryCode = 'required';
  if (!f.categoryCode) out.categoryCode = 'required';
  if (!f.title.trim()) out.title = 'required';
  f.personnel.forEach((p, i) => {
    if (!p.outcome) out[`personnel.${i}.outcome`] = 'required';
    if (p.mode === 'count' && !p.count.trim()) out[`personnel.${i}.count`] = 'required';
  });
  return out;
}

/**
 * Drafts in this browser's storage, one per user and form, so that a dropped connection or a
 * closed tab loses nothing. Victims' names and restricted details are not written to the device
 * (a shared office computer must not keep them); they stay only in the open page.
 */
export const draftStore = {
  key: (userId: string, what: string) => `opensmin:incident-draft:${userId}:${what}`,
  load(key: string): { state: IncidentFormState; savedAt: string } | null {
    try {
      const raw = window.localStorage.getItem(key);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as { state?: IncidentFormState; savedAt?: string };
      if (!parsed.state || typeof parsed.state.title !== 'string') return null;
      return { state: { ...emptyForm(), ...parsed.state }, savedAt: parsed.savedAt ?? '' };
    } catch {
      return null;
    }
  },
  save(key: string, state: IncidentFormState): void {
    const kept: IncidentFormState = {
      ...state,
      sensitiveDetails: '',
      personnel: state.personnel.map((p) => ({ ...p, personName: '' })),
    };
    try {
      window.localStorage.setItem(key, JSON.stringify({ state: kept, savedAt: new Date().toISOString() }));
    } catch {
      // Storage full or disabled (private mode): the page still holds the form.
    }
  },
  clear(key: string): void {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // Nothing to clear.
    }
  },
};
