import type {
  CaseStatus,
  ImpactKind,
  IncidentCategory,
  Nature,
  Outcome,
  PersonnelCategory,
  Relevance,
  Sex,
} from '../api/incident-types';

export const NATURE_LABELS: Record<Nature, string> = {
  violence: 'Violence',
  safety: 'Safety',
  situational: 'Situational awareness',
};

export const RELEVANCE_LABELS: Record<Relevance, string> = {
  organization: 'Affected the organization',
  situational: 'Situational awareness',
  near_miss: 'Near miss',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  killed: 'Killed',
  injured: 'Injured',
  abducted: 'Abducted or kidnapped',
  arrested_detained: 'Arrested or detained',
  missing: 'Missing',
  sexually_assaulted: 'Sexually assaulted',
  robbed: 'Robbed',
  intimidated_harassed: 'Intimidated or harassed',
};

export const PERSONNEL_CATEGORY_LABELS: Record<PersonnelCategory, string> = {
  international: 'International personnel',
  national: 'National personnel',
  dependant: 'Dependant',
  contractor: 'Contractor or consultant',
  partner: 'Partner',
  unknown: 'Not known',
};

export const SEX_LABELS: Record<Sex, string> = { female: 'Female', male: 'Male', unknown: 'Not known' };

export const IMPACT_KIND_LABELS: Record<ImpactKind, string> = {
  premises: 'Premises',
  property: 'Property (vehicles, equipment, cash)',
  programme: 'Programme (suspended, relocated)',
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  reported: 'Reported to the authorities',
  investigation: 'Under investigation',
  prosecution: 'Prosecution',
  trial: 'Trial',
  convicted: 'Convicted',
  acquitted: 'Acquitted',
  closed_unresolved: 'Closed, unresolved',
};

/** The category whose details are restricted to need-to-know readers. */
export const SEXUAL_ASSAULT = 'SEXUAL_ASSAULT';

/** Options for a select, from a label table, in the order of the given list. */
export const optionsOf = <K extends string>(list: readonly K[], labels: Record<K, string>) =>
  list.map((value) => ({ value, label: labels[value] }));

/** The taxonomy as select groups: violence, safety, then situational awareness. */
export function categoryGroups(categories: readonly IncidentCategory[]) {
  const natures: Nature[] = ['violence', 'safety', 'situational'];
  return natures.map((nature) => ({
    label: NATURE_LABELS[nature],
    options: categories.filter((c) => c.nature === nature).map((c) => ({ value: c.code, label: c.name })),
  }));
}

/** "yes" | "no" | "" for a nullable boolean, as a select holds it. */
export const yesNo = (value: boolean | null | undefined) => (value == null ? '' : value ? 'yes' : 'no');
export const fromYesNo = (value: string) => (value === '' ? null : value === 'yes');
export const YES_NO_OPTIONS = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** 1234 → "1,234"; rates with one decimal. */
export const formatCount = (n: number) => n.toLocaleString();
export const formatRate = (n: number | null | undefined) =>
  n == null ? '—' : n.toLocaleString(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
