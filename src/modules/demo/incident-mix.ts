/**
 * The mix of demo incidents: how often each category occurs by country tier, who is affected and
 * how, and the words used to describe it. Plausible figures for a demo, not statistics: safety
 * incidents (road crashes above all) are the most frequent, then petty and violent crime against
 * personnel; abductions, arrests and deaths are rare; crisis countries see more of the violent
 * categories and of the situational (armed conflict, terrorism) entries.
 */
import type { Outcome } from '../incidents/rules';

export type Tier = 'crisis' | 'field' | 'other' | 'quiet';
export type Relevance = 'organization' | 'situational' | 'near_miss';
export type PersonnelCategory = 'international' | 'national' | 'dependant' | 'contractor' | 'partner';

/** Relative frequency of incidents per country tier (crisis countries see far more). */
export const TIER_WEIGHT: Record<Tier, number> = { crisis: 12, field: 3, other: 1.2, quiet: 0.3 };

/**
 * Relative frequency of each category among incidents that affected the organization, by tier.
 * Categories left out of a tier's row are not generated there.
 */
export const ORGANIZATION_MIX: Record<string, Record<Tier, number>> = {
  ROAD_CRASH: { crisis: 38, field: 44, other: 44, quiet: 40 },
  OTHER_SAFETY: { crisis: 5, field: 6, other: 6, quiet: 8 },
  FIRE: { crisis: 1.5, field: 1.5, other: 1.5, quiet: 2 },
  HAZARD: { crisis: 1.5, field: 2, other: 2, quiet: 2 },
  DROWNING: { crisis: 0.3, field: 0.4, other: 0.4, quiet: 0.3 },
  AVIATION: { crisis: 0.15, field: 0.08, other: 0.05, quiet: 0.02 },
  ROBBERY: { crisis: 11, field: 10, other: 9, quiet: 5 },
  RESIDENCE_BREAK_IN: { crisis: 7, field: 8, other: 8, quiet: 6 },
  BURGLARY: { crisis: 3, field: 3, other: 3, quiet: 2 },
  INTIMIDATION: { crisis: 9, field: 6, other: 5, quiet: 4 },
  HARASSMENT: { crisis: 5, field: 5, other: 5, quiet: 7 },
  AGGRAVATED_ASSAULT: { crisis: 4, field: 3, other: 3, quiet: 2 },
  VIOLENT_ATTACK: { crisis: 3, field: 0.8, other: 0.5, quiet: 0.2 },
  SEXUAL_ASSAULT: { crisis: 0.5, field: 0.4, other: 0.4, quiet: 0.3 },
  ABDUCTION: { crisis: 1.2, field: 0.2, other: 0.1, quiet: 0.01 },
  ARREST_DETENTION: { crisis: 2.5, field: 1.5, other: 1, quiet: 0.2 },
};

/** Situational-awareness entries (the five threat categories), by tier. */
export const SITUATIONAL_MIX: Record<string, Record<Tier, number>> = {
  ARMED_CONFLICT: { crisis: 10, field: 1, other: 0.3, quiet: 0.02 },
  TERRORISM: { crisis: 3, field: 1, other: 0.5, quiet: 0.3 },
  CRIME: { crisis: 4, field: 5, other: 5, quiet: 3 },
  CIVIL_UNREST: { crisis: 4, field: 4, other: 3, quiet: 2 },
  HAZARDS: { crisis: 1.5, field: 2, other: 2, quiet: 1.5 },
};

/** Share of each kind of entry: most affect the organization; the rest are awareness or near misses. */
export const RELEVANCE_SHARE: Record<Relevance, number> = {
  organization: 0.78,
  situational: 0.14,
  near_miss: 0.08,
};

/** Near misses: what nearly happened (no one affected). */
export const NEAR_MISS_MIX: Record<string, number> = {
  ROAD_CRASH: 50,
  VIOLENT_ATTACK: 15,
  ROBBERY: 15,
  FIRE: 5,
  ABDUCTION: 5,
  HAZARD: 10,
};

export const PERSONNEL_CATEGORIES: readonly PersonnelCategory[] = [
  'national',
  'international',
  'dependant',
  'contractor',
  'partner',
];
/** National personnel are most of the field workforce, and most of those affected. */
export const PERSONNEL_CATEGORY_WEIGHTS = [68, 15, 5, 8, 4];

/** One way a category affects people: outcome rows with their chance and count range. */
export interface ImpactPattern {
  /** Chance that anyone was affected at all (otherwise only property or premises). */
  anyone: number;
  /** The first row's outcome. */
  outcome: Outcome;
  count: [number, number];
  /** Chance of a second row (another person, or the same event's other outcome). */
  second: number;
  secondOutcome: Outcome;
  /** Chance that the first row is a death instead. */
  killed: number;
  /** Share of women among those affected (default 0.35). */
  female?: number;
  directlyTargeted?: number;
  /** Chance of a property or premises loss recorded as an impact. */
  property: number;
  lossUsd: [number, number];
}

const pattern = (p: ImpactPattern) => p;
const SAFETY = (anyone: number, killed: number, property: number): ImpactPattern =>
  pattern({
    anyone,
    outcome: 'injured',
    count: [1, 2],
    second: 0.12,
    secondOutcome: 'injured',
    killed,
    directlyTargeted: 0,
    property,
    lossUsd: [300, 40_000],
  });

export const IMPACTS: Record<string, ImpactPattern> = {
  ROAD_CRASH: SAFETY(0.65, 0.03, 0.45),
  OTHER_SAFETY: SAFETY(0.6, 0.01, 0.1),
  FIRE: SAFETY(0.4, 0.03, 0.8),
  HAZARD: SAFETY(0.45, 0.02, 0.5),
  DROWNING: SAFETY(1, 0.6, 0),
  AVIATION: { ...SAFETY(0.8, 0.3, 0.9), count: [1, 4] },
  ROBBERY: pattern({
    anyone: 0.95,
    outcome: 'robbed',
    count: [1, 2],
    second: 0.1,
    secondOutcome: 'injured',
    killed: 0.002,
    directlyTargeted: 0.6,
    property: 0.6,
    lossUsd: [40, 3_000],
  }),
  RESIDENCE_BREAK_IN: pattern({
    anyone: 0.5,
    outcome: 'robbed',
    count: [1, 3],
    second: 0.03,
    secondOutcome: 'injured',
    killed: 0,
    directlyTargeted: 0.3,
    property: 0.7,
    lossUsd: [100, 8_000],
  }),
  BURGLARY: pattern({
    anyone: 0,
    outcome: 'robbed',
    count: [1, 1],
    second: 0,
    secondOutcome: 'robbed',
    killed: 0,
    property: 1,
    lossUsd: [200, 25_000],
  }),
  INTIMIDATION: pattern({
    anyone: 0.9,
    outcome: 'intimidated_harassed',
    count: [1, 3],
    second: 0.05,
    secondOutcome: 'intimidated_harassed',
    killed: 0,
    directlyTargeted: 0.8,
    property: 0,
    lossUsd: [0, 0],
  }),
  HARASSMENT: pattern({
    anyone: 0.95,
    outcome: 'intimidated_harassed',
    count: [1, 1],
    second: 0.04,
    secondOutcome: 'intimidated_harassed',
    killed: 0,
    female: 0.6,
    directlyTargeted: 0.9,
    property: 0,
    lossUsd: [0, 0],
  }),
  AGGRAVATED_ASSAULT: pattern({
    anyone: 1,
    outcome: 'injured',
    count: [1, 1],
    second: 0.1,
    secondOutcome: 'injured',
    killed: 0.01,
    directlyTargeted: 0.7,
    property: 0.1,
    lossUsd: [50, 1_000],
  }),
  VIOLENT_ATTACK: pattern({
    anyone: 0.8,
    outcome: 'injured',
    count: [1, 3],
    second: 0.25,
    secondOutcome: 'killed',
    killed: 0.08,
    directlyTargeted: 0.5,
    property: 0.4,
    lossUsd: [1_000, 200_000],
  }),
  SEXUAL_ASSAULT: pattern({
    anyone: 1,
    outcome: 'sexually_assaulted',
    count: [1, 1],
    second: 0,
    secondOutcome: 'injured',
    killed: 0,
    female: 0.9,
    directlyTargeted: 1,
    property: 0,
    lossUsd: [0, 0],
  }),
  ABDUCTION: pattern({
    anyone: 1,
    outcome: 'abducted',
    count: [1, 3],
    second: 0.05,
    secondOutcome: 'injured',
    killed: 0.02,
    female: 0.2,
    directlyTargeted: 0.9,
    property: 0.3,
    lossUsd: [5_000, 60_000],
  }),
  ARREST_DETENTION: pattern({
    anyone: 1,
    outcome: 'arrested_detained',
    count: [1, 2],
    second: 0.03,
    secondOutcome: 'arrested_detained',
    killed: 0,
    female: 0.2,
    directlyTargeted: 0.9,
    property: 0,
    lossUsd: [0, 0],
  }),
};

/** Words for titles and narratives: `{station}` is replaced by the duty station's name. */
export const WORDING: Record<string, { titles: string[]; narrative: string }> = {
  ROAD_CRASH: {
    titles: ['Road traffic crash near {station}', 'Vehicle rollover on the road from {station}'],
    narrative: 'A UN vehicle was involved in a collision; the security office attended and reported.',
  },
  OTHER_SAFETY: {
    titles: ['Fall on premises at {station}', 'Electrical accident at {station}'],
    narrative:
      'An accident on duty; first aid was given and the incident was reported to the safety focal point.',
  },
  FIRE: {
    titles: ['Fire at a residence in {station}', 'Fire in an office building in {station}'],
    narrative: 'A fire broke out; personnel evacuated and the local fire brigade attended.',
  },
  HAZARD: {
    titles: ['Flooding in {station}', 'Earth tremor felt in {station}'],
    narrative: 'A natural hazard affected personnel and premises; the warden system accounted for everyone.',
  },
  DROWNING: {
    titles: ['Drowning near {station}'],
    narrative: 'A drowning while off duty; the security office informed the next of kin focal point.',
  },
  AVIATION: {
    titles: ['Aircraft accident near {station}'],
    narrative: 'An aircraft chartered for UN passengers crashed on landing.',
  },
  ROBBERY: {
    titles: [
      'Armed robbery of personnel in {station}',
      'Street robbery in {station}',
      'Carjacking in {station}',
    ],
    narrative: 'Personnel were robbed of valuables by armed individuals who fled; reported to the police.',
  },
  RESIDENCE_BREAK_IN: {
    titles: ['Residence break-in in {station}'],
    narrative: 'Intruders entered a residence of personnel at night and stole property.',
  },
  BURGLARY: {
    titles: ['Burglary of UN premises in {station}'],
    narrative:
      'The premises were entered after hours and equipment was stolen; the guard force was reviewed.',
  },
  INTIMIDATION: {
    titles: [
      'Threats against personnel at a checkpoint near {station}',
      'Intimidation of personnel in {station}',
    ],
    narrative:
      'Personnel were threatened and told to leave the area; the mission continued after negotiation.',
  },
  HARASSMENT: {
    titles: ['Harassment of personnel in {station}'],
    narrative: 'Personnel were verbally harassed and followed; reported to the security office.',
  },
  AGGRAVATED_ASSAULT: {
    titles: ['Assault on personnel in {station}'],
    narrative: 'A staff member was assaulted and injured by an unknown person.',
  },
  VIOLENT_ATTACK: {
    titles: ['Shooting near a UN vehicle close to {station}', 'Explosive device near {station}'],
    narrative:
      'An armed attack occurred close to UN personnel; the security office activated the casualty plan.',
  },
  SEXUAL_ASSAULT: {
    titles: ['Sexual assault in {station}'],
    narrative: 'A sexual assault was reported; details are restricted to those who need to know.',
  },
  ABDUCTION: {
    titles: ['Abduction of personnel near {station}'],
    narrative: 'Personnel were abducted on the road; the crisis management team was convened.',
  },
  ARREST_DETENTION: {
    titles: ['Arrest of personnel in {station}'],
    narrative: 'Personnel were arrested by the authorities; the security office sought access and release.',
  },
  ARMED_CONFLICT: {
    titles: ['Armed clashes reported near {station}', 'Shelling reported near {station}'],
    narrative: 'Armed clashes between parties to the conflict were reported; no UN personnel were affected.',
  },
  TERRORISM: {
    titles: ['Explosion in a public place in {station}'],
    narrative: 'An explosive device detonated in a public place; no UN personnel were affected.',
  },
  CRIME: {
    titles: ['Crime trend report for {station}', 'Armed robbery of a bank in {station}'],
    narrative: 'Criminal activity reported in the area of the duty station, for situational awareness.',
  },
  CIVIL_UNREST: {
    titles: ['Demonstration in {station}', 'Road blockade by protesters near {station}'],
    narrative: 'A demonstration took place in the city; personnel were advised to avoid the area.',
  },
  HAZARDS: {
    titles: ['Severe weather warning for {station}', 'Flood alert near {station}'],
    narrative: 'A hazard warning was issued for the area of the duty station.',
  },
};

/** Who did it, for violent incidents. */
export const PERPETRATORS = [
  'Criminal',
  'Unknown',
  'Non-state armed group',
  'Host government: police',
  'Individual',
];
export const PERPETRATOR_WEIGHTS = [40, 30, 12, 6, 12];
export const WEAPONS = ['Firearm', 'Knife or blade', 'None', 'Blunt object', 'Explosive'];
export const WEAPON_WEIGHTS = [35, 15, 35, 12, 3];

export const CASE_STATUSES = [
  'reported',
  'investigation',
  'prosecution',
  'trial',
  'convicted',
  'acquitted',
  'closed_unresolved',
] as const;
