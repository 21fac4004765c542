/**
 * The columns of the incident exports (CSV and XLSX): a human header, an HXL hashtag that our HXL
 * importer reads back (`hxl-table.ts`), and the value. One definition, so the two stay in step and
 * an exported file re-imports. Pure.
 *
 * Restricted details are never exported, whoever asks: victims' names, line managers' addresses
 * and the sensitive details of sexual assaults stay in the application, where need-to-know is
 * checked per incident. Personnel are exported as counts per outcome, with the split by category
 * and by sex (and the killed in captivity), which is what the interchange formats carry.
 */
import { LIST_SEPARATOR } from './hxl-table';
import { KNOWN_CATEGORIES, KNOWN_SEXES, type PersonnelCounts } from './personnel-counts';
import { findCategory, OUTCOMES, type Outcome } from './rules';
import type { CellValue } from './xlsx';

/** One incident as exported: what a reader may see, restricted details left out. */
export interface ExportIncident {
  reference: string;
  occurredOn: string;
  /** Local date and time with the UTC offset, when the instant is known. */
  occurredAt: string | null;
  countryCode: string;
  countryName: string;
  areaCode: string | null;
  stationCode: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: string;
  admin1: string;
  location: string;
  categoryCode: string;
  nature: string;
  relevance: string;
  perpetratorType: string;
  perpetratorName: string;
  weapon: string;
  context: string;
  title: string;
  narrative: string;
  captivityOutcome: string;
  organizations: { code: string; name: string }[];
  /** The organization of every personnel row, when they share one (a flat row holds one). */
  personnelOrganization: string | null;
  /** The organization of every premises, property or programme impact, when they share one. */
  impactOrganization: string | null;
  counts: PersonnelCounts;
  impacts: {
    kind: 'premises' | 'property' | 'programme';
    premisesCode: string | null;
    description: string;
    estimatedLoss: number | null;
  }[];
  source: string;
  sourceId: string | null;
  revision: number;
  updatedAt: string;
}

export interface ExportColumn {
  header: string;
  hxl: string;
  value(i: ExportIncident): CellValue;
}

/** HXL attribute words for outcomes (SiND's where it has one). */
export const OUTCOME_HXL: Record<Outcome, string> = {
  killed: 'killed',
  injured: 'injured',
  abducted: 'kidnapped',
  arrested_detained: 'arrested',
  missing: 'missing',
  sexually_assaulted: 'sexually_assaulted',
  robbed: 'robbed',
  intimidated_harassed: 'intimidated_harassed',
};
const OUTCOME_LABEL: Record<Outcome, string> = {
  killed: 'Killed',
  injured: 'Injured',
  abducted: 'Abducted',
  arrested_detained: 'Arrested or detained',
  missing: 'Missing',
  sexually_assaulted: 'Sexually assaulted',
  robbed: 'Robbed',
  intimidated_harassed: 'Intimidated or harassed',
};
const SEX_HXL = { female: 'f', male: 'm' } as const;

const col = (header: string, hxl: string, value: ExportColumn['value']): ExportColumn => ({
  header,
  hxl,
  value,
});
const impactsOf = (i: ExportIncident, kind: string) => i.impacts.filter((m) => m.kind === kind);
const joined = (xs: string[]) => (xs.some(Boolean) ? xs.join(LIST_SEPARATOR) : '');

function impactColumns(kind: 'premises' | 'property' | 'programme', label: string): ExportColumn[] {
  return [
    col(`${label} affected`, `#impact+${kind}`, (i) => joined(impactsOf(i, kind).map((m) => m.description))),
    ...(kind === 'premises'
      ? [
          col('Premises codes', '#impact+premises+code', (i) =>
            joined(impactsOf(i, kind).map((m) => m.premisesCode ?? '')),
          ),
        ]
      : []),
    col(`${label} loss`, `#value+loss+${kind}`, (i) => {
      const losses = impactsOf(i, kind).flatMap((m) => (m.estimatedLoss === null ? [] : [m.estimatedLoss]));
      return losses.length ? losses.reduce((a, b) => a + b, 0) : null;
    }),
  ];
}

/** The count columns of one outcome (or of the killed in captivity). */
function countColumns(outcome: Outcome, captivity: boolean): ExportColumn[] {
  const label = captivity ? 'Killed in captivity' : OUTCOME_LABEL[outcome];
  const tag = `#affected+${OUTCOME_HXL[outcome]}${captivity ? '+captivity' : ''}`;
  const of = (i: ExportIncident) => (captivity ? i.counts.killedInCaptivity : i.counts.outcomes[outcome]);
  return [
    col(label, tag, (i) => of(i)?.total ?? 0),
    ...KNOWN_CATEGORIES.map((c) => col(`${label}: ${c}`, `${tag}+${c}`, (i) => of(i)?.category[c] ?? 0)),
    ...KNOWN_SEXES.map((s) => col(`${label}: ${s}`, `${tag}+${SEX_HXL[s]}`, (i) => of(i)?.sex[s] ?? 0)),
  ];
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  col('Reference', '#event+id', (i) => i.reference),
  col('Date', '#date+occurred', (i) => i.occurredOn),
  col('Date and time', '#date+occurred+time', (i) => i.occurredAt),
  col('Country code', '#country+code', (i) => i.countryCode),
  col('Country', '#country+name', (i) => i.countryName),
  col('Area code', '#adm1+code', (i) => i.areaCode),
  col('Admin 1', '#adm1+name', (i) => i.admin1),
  col('Duty station', '#loc+code', (i) => i.stationCode),
  col('Location', '#loc+name', (i) => i.location),
  col('Latitude', '#geo+lat', (i) => i.lat),
  col('Longitude', '#geo+lon', (i) => i.lon),
  col('Geo precision', '#geo+precision', (i) => i.geoPrecision),
  col('Category code', '#event+type+code', (i) => i.categoryCode),
  col('Category', '#event+type+name', (i) => findCategory(i.categoryCode)?.name ?? i.categoryCode),
  col('Nature', '#x_nature', (i) => i.nature),
  col('Relevance', '#x_relevance', (i) => i.relevance),
  col('Title', '#description+title', (i) => i.title),
  col('Narrative', '#description', (i) => i.narrative),
  col('Context', '#description+context', (i) => i.context),
  col('Perpetrator type', '#group+perp', (i) => i.perpetratorType),
  col('Perpetrator name', '#group+perp+name', (i) => i.perpetratorName),
  col('Weapon', '#weapon', (i) => i.weapon),
  col('Captivity outcome', '#status+captivity', (i) => i.captivityOutcome),
  col('Organization codes', '#org+code', (i) => i.organizations.map((o) => o.code).join(LIST_SEPARATOR)),
  col('Organizations', '#org+name', (i) => i.organizations.map((o) => o.name).join(LIST_SEPARATOR)),
  col('Personnel of (organization)', '#org+code+personnel', (i) => i.personnelOrganization),
  col('Impacts of (organization)', '#org+code+impact', (i) => i.impactOrganization),
  ...OUTCOMES.flatMap((o) => [...countColumns(o, false), ...(o === 'killed' ? countColumns(o, true) : [])]),
  ...impactColumns('premises', 'Premises'),
  ...impactColumns('property', 'Property'),
  ...impactColumns('programme', 'Programme'),
  col('Source', '#meta+source', (i) => i.source),
  col('Source id', '#meta+source+id', (i) => i.sourceId),
  col('Revision', '#meta+revision', (i) => i.revision),
  col('Updated', '#date+updated', (i) => i.updatedAt),
];

/** The one organization code all rows share, or null (none, or several). */
export function soleCode(codes: readonly (string | null | undefined)[]): string | null {
  const first = codes[0];
  return first && codes.every((c) => c === first) ? first : null;
}
