/**
 * Plausible, deterministic SRM content for demo areas: typical threat scenarios with likelihood and
 * impact, measures from the standard library at every stage of their lifecycle (some overdue), and
 * programme activities with their criticality.
 */
import type { Impact, Likelihood, MeasureStatus } from '../srm/rules';
import { createRng } from './random';

interface Scenario {
  title: string;
  category: 'armed_conflict' | 'terrorism' | 'crime' | 'civil_unrest' | 'hazards';
  exposed: string;
  measures: string[];
}

const SCENARIOS: Scenario[] = [
  {
    title: 'IED or ambush on a road movement',
    category: 'armed_conflict',
    exposed: 'Personnel travelling by road',
    measures: ['MOV-CLEAR', 'MOV-CONVOY', 'MOV-ARMOUR'],
  },
  {
    title: 'Complex attack on UN premises',
    category: 'terrorism',
    exposed: 'Personnel and visitors at the compound',
    measures: ['PRE-PERIM', 'PRE-GUARDS', 'PRE-FILM', 'PRE-SAFEROOM'],
  },
  {
    title: 'Abduction of personnel',
    category: 'terrorism',
    exposed: 'International and national personnel',
    measures: ['MOV-CURFEW', 'TRN-SSAFE', 'COM-SAT'],
  },
  {
    title: 'Armed robbery or carjacking',
    category: 'crime',
    exposed: 'Personnel in vehicles and residences',
    measures: ['RES-MORSS', 'MOV-CURFEW'],
  },
  { title: 'Residence break-in', category: 'crime', exposed: 'Personnel at home', measures: ['RES-MORSS'] },
  {
    title: 'Violent demonstration near premises',
    category: 'civil_unrest',
    exposed: 'Personnel at offices in the city centre',
    measures: ['INF-ANALYSIS', 'ALT-REMOTE', 'COM-WARDEN'],
  },
  {
    title: 'Sexual assault',
    category: 'crime',
    exposed: 'All personnel',
    measures: ['MED-PEP', 'TRN-SSAFE'],
  },
  {
    title: 'Earthquake damaging premises',
    category: 'hazards',
    exposed: 'Personnel in office buildings',
    measures: ['MED-CASEVAC', 'EVA-PLAN'],
  },
];

const LIKELY: Likelihood[] = ['unlikely', 'moderately_likely', 'likely', 'very_likely'];
const IMPACT: Impact[] = ['moderate', 'severe', 'critical'];
const STATUSES: MeasureStatus[] = [
  'proposed',
  'approved',
  'approved',
  'implemented',
  'implemented',
  'verified',
];

export interface DemoSrmPlan {
  areaCode: string;
  countryCode: string;
  title: string;
  risks: {
    title: string;
    category: Scenario['category'];
    exposed: string;
    likelihood: Likelihood;
    impact: Impact;
    measures: {
      libraryCode: string;
      status: MeasureStatus;
      agreedDate: string;
      costUsd: number;
      effectiveness: number | null;
    }[];
  }[];
  activities: { title: string; organizationCode: string; pcLevel: 1 | 2 | 3 | 4 | null }[];
  approve: boolean;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** One SRM per given area; `today` anchors the dates so that some measures are overdue now. */
export function demoSrms(
  areas: { code: string; name: string; countryCode: string }[],
  organizations: string[],
  seed: number | string,
  today: string,
): DemoSrmPlan[] {
  const rng = createRng(`${seed}:srm`);
  return areas.map((area) => {
    const scenarios = rng.shuffle(SCENARIOS).slice(0, rng.int(3, 6));
    return {
      areaCode: area.code,
      countryCode: area.countryCode,
      title: `${area.name} security risk management`,
      risks: scenarios.map((s) => ({
        title: s.title,
        category: s.category,
        exposed: s.exposed,
        likelihood: rng.pick(LIKELY),
        impact: rng.pick(IMPACT),
        measures: s.measures.map((code) => {
          const status = rng.pick(STATUSES);
          return {
            libraryCode: code,
            status,
            agreedDate: addDays(today, rng.int(-60, 90)),
            costUsd: rng.int(1, 200) * 500,
            effectiveness: status === 'verified' ? rng.int(2, 5) : null,
          };
        }),
      })),
      activities: rng
        .shuffle(organizations)
        .slice(0, 2)
        .map((org, i) => ({
          title:
            i === 0 ? 'Emergency food and nutrition assistance' : 'Water, sanitation and hygiene programme',
          organizationCode: org,
          pcLevel: rng.pick([1, 2, 3, 4, null] as const),
        })),
      approve: rng.bool(0.6),
    };
  });
}
