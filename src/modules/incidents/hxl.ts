/**
 * One row of an HXL-tagged CSV in the standard incident form. Pure. The columns our own export
 * writes are listed in `export-columns.ts`; this reads those and common variants (SiND's
 * `#country_iso`, `#weapons`, …), see `hxl-table.ts`.
 */
import type { z } from 'zod';
import type { FieldError } from '../../server/errors';
import {
  countKey,
  FIELDS,
  type HxlTable,
  hashtagText,
  IMPACT_KINDS,
  type ScalarField,
  specOf,
  splitList,
  splitTexts,
} from './hxl-table';
import type { IncidentInput, otherImpact } from './incidents.schema';
import {
  checkForm,
  isDate,
  type MappedRow,
  parseCoordinate,
  parseCount,
  textOf,
  titleFrom,
} from './interchange';
import {
  type Breakdown,
  countProblems,
  emptyBreakdown,
  type PersonnelCounts,
  personnelFromCounts,
} from './personnel-counts';
import { findCategory, type Outcome } from './rules';

/**
 * One data row of an HXL table in the standard form with its provenance (source "hxl", the
 * `#event+id` as source id), or every problem found, each naming the hashtag of its column.
 */
export function mapHxlRow(table: HxlTable, row: HxlTable['rows'][number]): MappedRow {
  const { cells } = row;
  const errors: FieldError[] = [];
  const nameOf = (i: number) => (table.hashtags[i] ? hashtagText(table.hashtags[i]!) : `column ${i + 1}`);
  const extra = cells.findIndex((c, i) => i >= table.hashtags.length && c !== '');
  if (extra >= 0)
    errors.push({ field: 'row', message: `a value in column ${extra + 1}, which has no hashtag` });
  const pick = (f: ScalarField): { value: string; column: string } => {
    for (const i of table.fields[f]) {
      const value = cells[i]?.trim() ?? '';
      if (value) return { value, column: nameOf(i) };
    }
    const first = table.fields[f][0];
    return { value: '', column: first === undefined ? hashtagText(specOf(f)) : nameOf(first) };
  };
  const v = Object.fromEntries(Object.keys(FIELDS).map((f) => [f, pick(f as ScalarField)])) as Record<
    ScalarField,
    { value: string; column: string }
  >;
  const fail = (f: ScalarField, message: string) => errors.push({ field: v[f].column, message });

  const eventId = v.eventId.value;
  if (!eventId) fail('eventId', 'required: re-importing the file updates the event with this id');
  let occurredOn: string | undefined;
  let occurredAt: string | undefined;
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/;
  if (v.occurredAt.value) {
    if (instant.test(v.occurredAt.value)) occurredAt = v.occurredAt.value;
    else fail('occurredAt', `"${v.occurredAt.value}" is not a date and time with its UTC offset`);
  }
  if (v.occurredOn.value) {
    if (isDate(v.occurredOn.value)) occurredOn = v.occurredOn.value;
    else if (!occurredAt && instant.test(v.occurredOn.value)) occurredAt = v.occurredOn.value;
    else fail('occurredOn', `"${v.occurredOn.value}" is not a date (YYYY-MM-DD)`);
  } else if (!v.occurredAt.value) fail('occurredOn', 'required');

  const category = findCategory(v.categoryCode.value);
  if (!v.categoryCode.value) fail('categoryCode', 'required');
  else if (!category) fail('categoryCode', `unknown category "${v.categoryCode.value}"`);
  const lat = parseCoordinate(v.lat.value);
  const lon = parseCoordinate(v.lon.value);
  if (typeof lat === 'object' && lat !== null) fail('lat', lat.message);
  if (typeof lon === 'object' && lon !== null) fail('lon', lon.message);

  const organizationCodes = splitList(v.organizationCodes.value);
  const relevanceText = v.relevance.value.toLowerCase().replace(/[\s-]+/g, '_');
  // Without a relevance column: ours when it names our organizations, unless the category is one of
  // the situational-awareness ones, which never affect the organization.
  const ours = organizationCodes.length > 0 && category?.nature !== 'situational';
  const relevance = relevanceText || (ours ? 'organization' : 'situational');
  if (!['organization', 'situational', 'near_miss'].includes(relevance)) {
    fail('relevance', `"${v.relevance.value}" is not organization, situational or near_miss`);
  }

  const unreadable = errors.length;
  const { counts, columnOfCount } = readCounts(table, cells, nameOf, errors);
  // Splits are compared with totals only when every count could be read (a bad cell reads as 0).
  if (errors.length === unreadable)
    for (const p of countProblems(counts)) errors.push({ field: columnOfCount(p), message: p.message });
  // Whose people, premises or programme were hit: as the row says (our export does), else, with one
  // organization named, its own (as for SiND events).
  const owner = (f: 'personnelOrganization' | 'impactOrganization') =>
    table.fields[f].length > 0
      ? v[f].value || undefined
      : organizationCodes.length === 1
        ? organizationCodes[0]
        : undefined;
  const impactOrg = owner('impactOrganization');
  const personnelOrg = owner('personnelOrganization');
  const impacts = readImpacts(table, cells, nameOf, errors).map((m) =>
    impactOrg ? { ...m, organizationCode: impactOrg } : m,
  );
  if (errors.length > 0) return { ok: false, ...(eventId ? { eventId } : {}), errors };

  const personnel = personnelFromCounts(counts).map((p) =>
    personnelOrg ? { ...p, organizationCode: personnelOrg } : p,
  );
  const columnOf = (field: string) => {
    const [head, index] = field.split('.');
    if (head === 'personnel' && index !== undefined) {
      const p = personnel[Number(index)];
      if (p) return columnOfCount({ outcome: p.outcome, captivity: p.inCaptivity, part: 'total' });
    }
    if (head === 'impacts' && index !== undefined) {
      const kind = impacts[Number(index)]?.kind ?? 'programme';
      const i = table.impacts[kind].text[0] ?? (kind === 'premises' ? table.premisesCodes[0] : undefined);
      return i === undefined ? `#impact+${kind}` : nameOf(i);
    }
    if (head === 'sourceId') return v.eventId.column;
    if (head === 'sensitiveDetails') return 'row';
    return head && head in FIELDS ? v[head as ScalarField].column : field;
  };
  const title = v.title.value || titleFrom(v.narrative.value) || `${category!.name} (event ${eventId})`;
  const checked = checkForm(
    {
      ...(occurredOn ? { occurredOn } : {}),
      ...(occurredAt ? { occurredAt } : {}),
      countryCode: v.countryCode.value,
      ...(v.areaCode.value ? { areaCode: v.areaCode.value } : {}),
      ...(v.stationCode.value ? { stationCode: v.stationCode.value } : {}),
      lat: lat as number | null,
      lon: lon as number | null,
      geoPrecision: v.geoPrecision.value,
      admin1: textOf(v.admin1.value),
      location: textOf(v.location.value),
      categoryCode: category!.code,
      relevance: relevance as IncidentInput['relevance'],
      perpetratorType: textOf(v.perpetratorType.value),
      perpetratorName: textOf(v.perpetratorName.value),
      weapon: textOf(v.weapon.value),
      context: v.context.value,
      title,
      narrative: v.narrative.value,
      captivityOutcome: textOf(v.captivityOutcome.value),
      organizationCodes,
      personnel,
      impacts,
    },
    columnOf,
  );
  if ('errors' in checked) return { ok: false, eventId, errors: checked.errors };
  const sourceRecord: Record<string, string> = {};
  cells.forEach((c, i) => {
    if (c !== '' && table.hashtags[i])
      sourceRecord[nameOf(i) in sourceRecord ? `${nameOf(i)} (${i + 1})` : nameOf(i)] = c;
  });
  return {
    ok: true,
    eventId,
    input: checked.input,
    provenance: { source: 'hxl', sourceId: eventId, sourceRecord },
    columnOf,
  };
}

function readCounts(
  table: HxlTable,
  cells: readonly string[],
  nameOf: (i: number) => string,
  errors: FieldError[],
) {
  const counts: PersonnelCounts = { outcomes: {} };
  const byKey = new Map<string, number>();
  for (const col of table.counts) {
    const n = parseCount(cells[col.index]);
    if (typeof n !== 'number') {
      errors.push({ field: nameOf(col.index), message: n.message });
      continue;
    }
    byKey.set(countKey(col), col.index);
    if (n === 0) continue;
    let b: Breakdown;
    if (col.captivity) b = counts.killedInCaptivity ??= emptyBreakdown();
    else b = counts.outcomes[col.outcome] ??= emptyBreakdown();
    if (col.part === 'total') b.total = n;
    else if (col.part === 'female' || col.part === 'male') b.sex[col.part] = n;
    else b.category[col.part] = n;
  }
  // Without a total column the total is at least what the larger split counts.
  const settle = (outcome: Outcome, captivity: boolean, b: Breakdown) => {
    if (byKey.has(countKey({ outcome, captivity, part: 'total' }))) return;
    const s = (o: object) => Object.values(o).reduce((a: number, x: number) => a + x, 0);
    b.total = Math.max(s(b.category), s(b.sex));
  };
  for (const [o, b] of Object.entries(counts.outcomes)) settle(o as Outcome, false, b);
  if (counts.killedInCaptivity) settle('killed', true, counts.killedInCaptivity);
  const columnOfCount = (ref: { outcome: Outcome; captivity: boolean; part: string }) => {
    const i =
      byKey.get(countKey(ref)) ??
      byKey.get(countKey({ ...ref, part: 'total' })) ??
      table.counts.find((c) => c.outcome === ref.outcome && c.captivity === ref.captivity)?.index;
    return i === undefined ? '#affected' : nameOf(i);
  };
  return { counts, columnOfCount };
}

type ImpactIn = z.input<typeof otherImpact>;

function readImpacts(
  table: HxlTable,
  cells: readonly string[],
  nameOf: (i: number) => string,
  errors: FieldError[],
) {
  const out: ImpactIn[] = [];
  const cell = (cols: number[]) => cols.map((i) => cells[i]?.trim() ?? '').find(Boolean) ?? '';
  for (const kind of IMPACT_KINDS) {
    const texts = splitTexts(cell(table.impacts[kind].text));
    const codes = kind === 'premises' ? splitList(cell(table.premisesCodes)) : [];
    const lossText = cell(table.impacts[kind].loss);
    const loss = lossText === '' ? null : Number(lossText);
    if (loss !== null && !(Number.isFinite(loss) && loss >= 0)) {
      errors.push({ field: nameOf(table.impacts[kind].loss[0]!), message: `"${lossText}" is not an amount` });
    }
    const n = Math.max(texts.length, codes.length, loss ? 1 : 0);
    for (let i = 0; i < n; i++) {
      out.push({
        kind,
        description: texts[i] ?? '',
        ...(codes[i] ? { premisesCode: codes[i] } : {}),
        // A flat row has one loss per kind: it belongs to the first impact of that kind.
        ...(i === 0 && loss !== null ? { estimatedLoss: loss } : {}),
      });
    }
  }
  return out;
}
