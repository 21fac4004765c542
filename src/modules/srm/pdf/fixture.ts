/**
 * SRM fixtures for the PDF tests and for looking at the output by hand. Levels are computed with
 * the real rules and the default matrix so the fixture is consistent the way the service's is.
 */
import {
  acceptability,
  countsIfApprovedDone,
  DEFAULT_MATRIX,
  type Impact,
  type Likelihood,
  type MeasureStatus,
  type PcLevel,
  RISK_LABELS,
  type Risk,
  residual,
  riskOf,
  riskRank,
} from '../rules';
import type { SrmDetail } from '../srm.schema';

type RiskRow = SrmDetail['risks'][number];
type MeasureRow = RiskRow['measures'][number];
type ActivityRow = SrmDetail['activities'][number];

const level = (r: Risk) => ({ level: r, label: RISK_LABELS[r] });
const TODAY = '2026-11-23';

/**
 * [title, category, likelihood, impact, measures]; each measure is "P|M:status:agreedDate" –
 * prevention or mitigation of one step, with "-" for no agreed date.
 */
type RiskSpec = [string, RiskRow['category'], Likelihood, Impact, string];
type MeasureSpec = ['prevention' | 'mitigation', MeasureStatus, number, string | null];

const RISKS: RiskSpec[] = [
  [
    'IED attack on road convoys between Mopti and Sévaré',
    'armed_conflict',
    'likely',
    'critical',
    'P:implemented:2026-03-01 M:approved:2026-06-30 P:approved:2027-01-31',
  ],
  [
    'Abduction of national staff at field sites',
    'terrorism',
    'likely',
    'severe',
    'P:verified:2026-02-15 P:approved:2026-08-01 M:proposed:-',
  ],
  [
    'Armed robbery of vehicles on the RN16',
    'crime',
    'very_likely',
    'moderate',
    'P:implemented:2026-04-01 M:implemented:2026-04-01',
  ],
  [
    'Complex attack on the UN compound',
    'terrorism',
    'moderately_likely',
    'critical',
    'M:implemented:2026-01-31 P:approved:2026-09-15 M:rejected:-',
  ],
  [
    'Violent demonstrations near the regional office',
    'civil_unrest',
    'likely',
    'moderate',
    'P:implemented:2026-05-01 M:proposed:-',
  ],
  [
    'Flooding of the Niger river compound access road',
    'hazards',
    'moderately_likely',
    'severe',
    'M:approved:2026-10-01 P:proposed:-',
  ],
  [
    'Burglary of staff residences',
    'crime',
    'likely',
    'minor',
    'P:verified:2026-03-15 M:implemented:2026-03-15 P:approved:2027-02-01',
  ],
  [
    'Crossfire during clashes in Djenné district',
    'armed_conflict',
    'moderately_likely',
    'severe',
    'P:approved:2026-07-01 M:approved:2027-03-01',
  ],
  [
    'Road traffic accidents on unpaved routes',
    'hazards',
    'very_likely',
    'severe',
    'M:implemented:2026-02-01 P:implemented:2026-02-01 P:proposed:-',
  ],
  [
    'Carjacking at checkpoints',
    'crime',
    'likely',
    'severe',
    'P:implemented:2026-06-01 M:approved:2026-09-30',
  ],
  [
    'Harassment of staff at illegal checkpoints',
    'crime',
    'moderately_likely',
    'minor',
    'P:implemented:2026-05-15 M:verified:2026-05-15 P:approved:2026-08-15',
  ],
  [
    'Meningitis outbreak affecting staff',
    'hazards',
    'unlikely',
    'moderate',
    'M:implemented:2026-01-15 P:proposed:-',
  ],
];

const parseMeasures = (specs: string): MeasureSpec[] =>
  specs.split(' ').map((spec) => {
    const [kind, status, date] = spec.split(':');
    return [
      kind === 'P' ? 'prevention' : 'mitigation',
      status as MeasureStatus,
      1,
      date === '-' ? null : date!,
    ];
  });

const OWNERS = ['UNDSS', 'WFP', 'UNICEF', 'UNHCR', 'WHO'];

function measureRow(riskNo: number, k: number, [kind, status, steps, agreedDate]: MeasureSpec): MeasureRow {
  const done = status === 'implemented' || status === 'verified';
  const n = riskNo * 10 + k;
  return {
    id: `m-${n}`,
    riskId: `r-${riskNo}`,
    title: `${kind === 'prevention' ? 'Prevent' : 'Mitigate'}: ${MEASURE_TITLES[n % MEASURE_TITLES.length]}`,
    libraryCode: null,
    kind,
    mandatory: k === 0,
    steps,
    ownerOrganizationCode: OWNERS[n % OWNERS.length]!,
    costUsd: 1500 * ((n % 7) + 1),
    effectiveness: done ? (n % 5) + 1 : null,
    agreedDate,
    status,
    overdue: status === 'approved' && agreedDate !== null && agreedDate < TODAY,
    implementedOn: done ? agreedDate : null,
    evidence: done ? `Checked on site by the SA; photos and sign-off sheet filed (ref. EV-${n}).` : null,
    lastSelfAssessment: null,
    version: 1,
  };
}

const MEASURE_TITLES = [
  'armoured vehicles and two-vehicle convoy rule',
  'hostile environment awareness training for all staff',
  'blast film on compound windows',
  'guard force with 24/7 radio checks',
  'movement tracking through the security operations centre',
  'trauma kits and first-aid training in every vehicle',
  'relocation plan rehearsed with wardens',
  'perimeter wall raised to 3 m with anti-climb',
];

function riskRow([title, category, likelihood, impact, specs]: RiskSpec, i: number): RiskRow {
  const no = i + 1;
  const measures = parseMeasures(specs).map((s, k) => measureRow(no, k, s));
  const inherent = riskOf(DEFAULT_MATRIX, likelihood, impact);
  const res = residual(DEFAULT_MATRIX, { likelihood, impact }, measures).risk;
  const exp = residual(DEFAULT_MATRIX, { likelihood, impact }, measures, countsIfApprovedDone).risk;
  // Risk 4 carries an override: the SA judges the compound threat higher than the computation.
  const override =
    no === 4
      ? {
          ...level('very_high'),
          reason:
            'Recent attacks on similar compounds in the region show the blast mitigation is not sufficient for vehicle-borne devices; SMT agreed to keep the level high until the stand-off distance is extended.',
          by: 'Chief Security Adviser',
          at: '2026-10-12T09:30:00Z',
        }
      : null;
  return {
    id: `r-${no}`,
    title,
    category,
    exposed: 'All UN personnel and dependants in the area, contractors on UN premises.',
    likelihood,
    impact,
    strategy: 'control',
    inherent: level(inherent),
    residual: level(res),
    expected: level(exp),
    override,
    effective: override ? level(override.level) : level(res),
    measures,
    version: 1,
  };
}

function activityRow(
  title: string,
  org: string,
  pc: PcLevel | null,
  res: Risk,
  eh: boolean,
  i: number,
): ActivityRow {
  const a = acceptability(res, pc, eh);
  return {
    id: `a-${i}`,
    title,
    organizationCode: org,
    pcLevel: pc,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    residual: level(res),
    acceptable: a.acceptable,
    reason: a.reason,
    remedy: a.remedy,
    executiveHeadApproval: eh
      ? { by: 'Executive Director', on: '2026-03-02', note: 'Reviewed quarterly' }
      : null,
    version: 1,
  };
}

/** The fixture SRM: 12 risks, 30 measures, an override, overdue measures, unacceptable activities. */
export function srmFixture(): SrmDetail {
  const risks = RISKS.map(riskRow);
  const activities = [
    activityRow('Emergency food distribution in Bandiagara', 'WFP', 1, 'very_high', true, 1),
    activityRow('Measles vaccination campaign, Djenné', 'UNICEF', 2, 'high', false, 2),
    activityRow('Livelihood training for returnees', 'UNHCR', 3, 'high', false, 3),
    activityRow('Water point rehabilitation, Douentza road', 'UNICEF', 4, 'medium', false, 4),
    activityRow('Cold-chain delivery to health centres', 'WHO', null, 'very_high', false, 5),
    activityRow('Monitoring visits to IDP sites', 'UNHCR', 2, 'medium', false, 6),
  ];
  const all = risks.flatMap((r) => r.measures);
  const byResidual = { very_low: 0, low: 0, medium: 0, high: 0, very_high: 0, unacceptable: 0 };
  for (const r of risks) byResidual[r.effective.level]++;
  const highest = risks.map((r) => r.effective.level).sort((a, b) => riskRank(b) - riskRank(a))[0];
  return {
    id: 'srm-1',
    kind: 'area',
    title: 'Security Risk Management – Mopti region',
    countryCode: 'MLI',
    countryName: 'Mali',
    areaId: 'area-mop',
    areaCode: 'MLI-MOP',
    areaName: 'Mopti region',
    organizationCode: null,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    status: 'approved',
    threatAssessmentId: null,
    matrixNumber: 1,
    review: {
      due: true,
      dueDate: '2026-11-15',
      reasons: ['major incident on 2026-11-02 (IED, Sévaré)', 'significant change in the threat assessment'],
    },
    smtConsultedOn: '2026-01-20',
    smtNote: '',
    approvedAt: '2026-01-24T15:00:00Z',
    endorsedAt: null,
    summary: {
      risks: risks.length,
      byResidual,
      highestResidual: highest ? level(highest) : null,
      measures: all.length,
      implementedMeasures: all.filter((m) => m.status === 'implemented' || m.status === 'verified').length,
      overdueMeasures: all.filter((m) => m.overdue).length,
      unacceptableActivities: activities.filter((a) => !a.acceptable).length,
    },
    version: 3,
    matrix: DEFAULT_MATRIX,
    risks,
    activities,
  };
}
