/**
 * Insecurity Insight's Security in Numbers Database (SiND), "aid worker KIKA" events, mapped to the
 * standard incident form (DOMAIN.md §6). Pure: the organizations to recognise are passed in.
 *
 * Every column is used:
 * - Date → occurredOn; Event Description → narrative (whole) and title (its first 300 characters);
 * - Country ISO → countryCode (Country, the display name, adds nothing and stays in the source
 *   record); Admin 1, Latitude, Longitude, Geo Precision, Location of Incident → the place;
 * - Reported Perpetrator (Name), Weapon Carried/Used, Known Kidnapping or Arrest Outcome → the
 *   event's fields; "No information" markers become empty (unknown);
 * - Organisation Affected → organizationCodes for the parts naming one of our organizations (by
 *   code or name), the rest kept in `context`; Programme Focus → a programme impact;
 * - the 25 count columns → personnel rows keeping every total and both splits (see below);
 * - SiND Event ID → the source id; the record itself → the source record (exports round-trip).
 *
 * Killed in captivity: in the sample (1,299 events, 2020–2024) 34 events have "Aid Workers Killed
 * in Captivity" > 0, and in every one of them "Aid Workers Killed" equals it, while the
 * descriptions tell of no other death (e.g. 24483: "Seven LNGO aid workers ... were executed after
 * being kidnapped": 7 kidnapped, 7 killed, 7 killed in captivity). Were the killed in captivity
 * counted apart, these events would show 0 killed. The international/national/female/male "in
 * captivity" columns are likewise never above their "Killed" columns. So "Aid Workers Killed"
 * INCLUDES the killed in captivity (60 of the sample's 593), and we split the killed into rows
 * outside captivity (killed − in captivity) and rows `inCaptivity`. The metadata says the killed
 * in captivity are also coded as kidnapped, but the data does so in only 21 of the 34 events, so
 * the kidnapped count is taken as given, never adjusted.
 */
import type { FieldError } from '../../server/errors';
import type { IncidentInput } from './incidents.schema';
import {
  checkForm,
  isDate,
  type KnownOrganization,
  type MappedRow,
  organizationMatcher,
  parseCoordinate,
  parseCount,
  textOf,
  titleFrom,
} from './interchange';
import {
  type Breakdown,
  type CountRef,
  countProblems,
  type KnownCategory,
  type KnownSex,
  type PersonnelCounts,
  personnelFromCounts,
} from './personnel-counts';
import type { Outcome } from './rules';

/** SiND's outcome words and the standard form's outcomes. */
export const SIND_OUTCOMES = {
  Killed: 'killed',
  Injured: 'injured',
  Kidnapped: 'abducted',
  Arrested: 'arrested_detained',
} as const satisfies Record<string, Outcome>;
type SindOutcome = keyof typeof SIND_OUTCOMES;

const PREFIX = {
  total: '',
  international: 'International ',
  national: 'National ',
  female: 'Female ',
  male: 'Male ',
};

/** The SiND column holding one number, e.g. "Female Aid Workers Killed in Captivity". */
export function sindCountColumn(o: SindOutcome, part: keyof typeof PREFIX, captivity = false): string {
  return `${PREFIX[part]}Aid Workers ${o}${captivity ? ' in Captivity' : ''}`;
}

const OUTCOME_WORD = Object.fromEntries(Object.entries(SIND_OUTCOMES).map(([w, o]) => [o, w])) as Record<
  Outcome,
  SindOutcome | undefined
>;

/** The column to blame for a count problem. */
function columnOfCount(ref: CountRef): string {
  const word = OUTCOME_WORD[ref.outcome] ?? 'Killed';
  const part = ref.part in PREFIX ? (ref.part as keyof typeof PREFIX) : 'total';
  return sindCountColumn(word, part, ref.captivity);
}

/** Standard-form fields and the SiND columns they come from. */
const FIELD_COLUMNS: Record<string, string> = {
  sourceId: 'SiND Event ID',
  occurredOn: 'Date',
  occurredAt: 'Date',
  title: 'Event Description',
  narrative: 'Event Description',
  countryCode: 'Country ISO',
  admin1: 'Admin 1',
  lat: 'Latitude',
  lon: 'Longitude',
  geoPrecision: 'Geo Precision',
  location: 'Location of Incident',
  perpetratorType: 'Reported Perpetrator',
  perpetratorName: 'Reported Perpetrator Name',
  weapon: 'Weapon Carried/Used',
  organizationCodes: 'Organisation Affected',
  context: 'Organisation Affected',
  relevance: 'Organisation Affected',
  impacts: 'Programme Focus',
  captivityOutcome: 'Known Kidnapping or Arrest Outcome',
  categoryCode: 'Aid Workers Killed',
  personnel: 'Aid Workers Killed',
};

/** The SiND column behind a standard-form field path such as `lat` or `personnel.2.count`. */
export function sindColumnOf(field: string, personnel: IncidentInput['personnel'] = []): string {
  const [head, index] = field.split('.');
  if (head === 'personnel' && index !== undefined) {
    const p = personnel[Number(index)];
    const word = p && OUTCOME_WORD[p.outcome];
    if (word) return sindCountColumn(word, 'total', p.inCaptivity);
  }
  return FIELD_COLUMNS[head ?? ''] ?? field;
}

/**
 * The category of a KIKA event from who was affected: killed or injured → violent attack,
 * kidnapped → abduction, arrested → arrest and detention. When several apply the most severe
 * outcome decides, in the order killed, kidnapped, injured, arrested (an ambush that wounds one
 * and abducts three is an abduction; a kidnapping that ends in death is counted as a killing).
 * Undefined when no one was affected.
 */
export function sindCategory(totals: Partial<Record<Outcome, number>>): string | undefined {
  if ((totals.killed ?? 0) > 0) return 'VIOLENT_ATTACK';
  if ((totals.abducted ?? 0) > 0) return 'ABDUCTION';
  if ((totals.injured ?? 0) > 0) return 'VIOLENT_ATTACK';
  if ((totals.arrested_detained ?? 0) > 0) return 'ARREST_DETENTION';
  return undefined;
}

type SindRecord = Record<string, unknown>;

/** Reads the 25 count columns; each bad cell becomes a problem naming its column. */
function readCounts(r: SindRecord, errors: FieldError[]): PersonnelCounts {
  const num = (column: string) => {
    const n = parseCount(r[column]);
    if (typeof n === 'number') return n;
    errors.push({ field: column, message: n.message });
    return 0;
  };
  const breakdown = (o: SindOutcome, captivity: boolean): Breakdown => {
    const col = (part: keyof typeof PREFIX) => num(sindCountColumn(o, part, captivity));
    const category: Partial<Record<KnownCategory, number>> = {
      international: col('international'),
      national: col('national'),
    };
    const sex: Partial<Record<KnownSex, number>> = { female: col('female'), male: col('male') };
    return { total: col('total'), category, sex };
  };
  const counts: PersonnelCounts = { outcomes: {} };
  for (const [word, outcome] of Object.entries(SIND_OUTCOMES)) {
    counts.outcomes[outcome] = breakdown(word as SindOutcome, false);
  }
  counts.killedInCaptivity = breakdown('Killed', true);
  return counts;
}

/**
 * One SiND record (an element of the API's JSON array) in the standard form, with its provenance;
 * or every problem found, each naming the SiND column.
 */
export function mapSindRecord(record: unknown, organizations: readonly KnownOrganization[]): MappedRow {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { ok: false, errors: [{ field: 'record', message: 'not a SiND event object' }] };
  }
  const r = record as SindRecord;
  const errors: FieldError[] = [];
  const rawId = r['SiND Event ID'];
  const eventId = rawId === null || rawId === undefined ? '' : String(rawId).trim();
  if (!/^\d+$/.test(eventId)) {
    errors.push({
      field: 'SiND Event ID',
      message: eventId ? `"${eventId}" is not an event number` : 'required',
    });
  }

  const date = textOf(r.Date);
  if (!date) errors.push({ field: 'Date', message: 'required' });
  else if (!isDate(date)) errors.push({ field: 'Date', message: `"${date}" is not a date (YYYY-MM-DD)` });

  const country = textOf(r['Country ISO']).toUpperCase();
  if (!/^[A-Z]{3}$/.test(country)) {
    errors.push({
      field: 'Country ISO',
      message: country ? `"${country}" is not an ISO 3166 alpha-3 code` : 'required',
    });
  }

  const lat = parseCoordinate(r.Latitude);
  const lon = parseCoordinate(r.Longitude);
  if (typeof lat === 'object' && lat !== null) errors.push({ field: 'Latitude', message: lat.message });
  if (typeof lon === 'object' && lon !== null) errors.push({ field: 'Longitude', message: lon.message });
  if ((lat === null) !== (lon === null)) {
    errors.push({
      field: lat === null ? 'Latitude' : 'Longitude',
      message: 'give both latitude and longitude, or neither',
    });
  }

  const unreadable = errors.length;
  const counts = readCounts(r, errors);
  // Splits are compared with totals only when every count could be read (a bad cell reads as 0).
  if (errors.length === unreadable)
    for (const p of countProblems(counts)) errors.push({ field: columnOfCount(p), message: p.message });
  const totals = Object.fromEntries(Object.entries(counts.outcomes).map(([o, b]) => [o, b.total]));
  const category = sindCategory(totals);
  if (!category && errors.length === 0) {
    errors.push({
      field: 'Aid Workers Killed',
      message: 'no aid worker killed, injured, kidnapped or arrested',
    });
  }
  if (errors.length > 0 || !category) return { ok: false, ...(eventId ? { eventId } : {}), errors };

  const match = organizationMatcher(organizations);
  const named = textOf(r['Organisation Affected'])
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const organizationCodes = [...new Set(named.flatMap((n) => match(n) ?? []))];
  const unmatched = named.filter((n) => !match(n));
  const programme = textOf(r['Programme Focus']);
  const description = String(r['Event Description'] ?? '').trim();
  // The people and programme are those of the organization only when the event names no other.
  const sole = named.length === 1 ? organizationCodes[0] : undefined;
  const personnel = personnelFromCounts(counts).map((p) => (sole ? { ...p, organizationCode: sole } : p));
  const columnOf = (field: string) => sindColumnOf(field, personnel);

  const checked = checkForm(
    {
      occurredOn: date,
      countryCode: country,
      lat: lat as number | null,
      lon: lon as number | null,
      geoPrecision: textOf(r['Geo Precision']),
      admin1: textOf(r['Admin 1']),
      location: textOf(r['Location of Incident']),
      categoryCode: category,
      relevance: organizationCodes.length > 0 ? 'organization' : 'situational',
      perpetratorType: textOf(r['Reported Perpetrator']),
      perpetratorName: textOf(r['Reported Perpetrator Name']),
      weapon: textOf(r['Weapon Carried/Used']),
      context: unmatched.length > 0 ? `Organisation affected: ${unmatched.join(', ')}` : '',
      title: titleFrom(description) || `Aid workers affected (SiND event ${eventId})`,
      narrative: description,
      captivityOutcome: textOf(r['Known Kidnapping or Arrest Outcome']),
      organizationCodes,
      personnel,
      impacts: programme
        ? [
            {
              kind: 'programme',
              description: `Programme focus: ${programme}`,
              ...(sole ? { organizationCode: sole } : {}),
            },
          ]
        : [],
    },
    columnOf,
  );
  if ('errors' in checked) return { ok: false, eventId, errors: checked.errors };
  return {
    ok: true,
    eventId,
    input: checked.input,
    provenance: { source: 'sind', sourceId: eventId, sourceRecord: record },
    columnOf,
  };
}
