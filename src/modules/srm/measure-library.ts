/**
 * A starting library of standard security measures, so SRMs reuse well-known measures and their
 * costs and effectiveness can be compared worldwide. Loaded at start, idempotently; organizations
 * add their own through the API.
 */
export const STANDARD_MEASURES: {
  code: string;
  title: string;
  kind: 'prevention' | 'mitigation';
  category: string;
  description: string;
}[] = [
  {
    code: 'MOV-CLEAR',
    title: 'Security clearance for all movements',
    kind: 'prevention',
    category: 'movement',
    description: 'No movement without clearance from the security office.',
  },
  {
    code: 'MOV-CONVOY',
    title: 'Two-vehicle convoys with radio checks',
    kind: 'prevention',
    category: 'movement',
    description: 'Road movements in at least two vehicles with scheduled radio checks.',
  },
  {
    code: 'MOV-ARMOUR',
    title: 'Armoured vehicles for road movements',
    kind: 'mitigation',
    category: 'movement',
    description: 'Armoured vehicles for all road movements in the area.',
  },
  {
    code: 'MOV-ESCORT',
    title: 'Armed escort (last resort)',
    kind: 'prevention',
    category: 'movement',
    description: 'Armed escort where no alternative exists, per the guidelines on armed escorts.',
  },
  {
    code: 'MOV-CURFEW',
    title: 'Curfew for personnel',
    kind: 'prevention',
    category: 'movement',
    description: 'No movement between dusk and dawn.',
  },
  {
    code: 'PRE-PERIM',
    title: 'Perimeter wall and stand-off distance',
    kind: 'prevention',
    category: 'premises',
    description: 'Perimeter wall, vehicle barriers and stand-off distance at the compound.',
  },
  {
    code: 'PRE-GUARDS',
    title: 'Guard force and access control',
    kind: 'prevention',
    category: 'premises',
    description: 'Trained guards, visitor screening and vehicle checks.',
  },
  {
    code: 'PRE-FILM',
    title: 'Blast film on windows',
    kind: 'mitigation',
    category: 'premises',
    description: 'Shatter-resistant film on all exposed glazing.',
  },
  {
    code: 'PRE-SAFEROOM',
    title: 'Safe room with supplies and communications',
    kind: 'mitigation',
    category: 'premises',
    description: 'A hardened room with water, food, first aid and satellite communications.',
  },
  {
    code: 'RES-MORSS',
    title: 'Residential security measures',
    kind: 'prevention',
    category: 'residence',
    description: 'Residences meet the residential security measures for international personnel.',
  },
  {
    code: 'COM-SAT',
    title: 'Satellite phones for field teams',
    kind: 'mitigation',
    category: 'communications',
    description: 'Every field team carries a satellite phone.',
  },
  {
    code: 'COM-WARDEN',
    title: 'Warden system with monthly checks',
    kind: 'mitigation',
    category: 'communications',
    description: 'Wardens appointed per zone; contact lists checked monthly.',
  },
  {
    code: 'TRN-SSAFE',
    title: 'SSAFE training for all personnel',
    kind: 'prevention',
    category: 'training',
    description: 'Safe and Secure Approaches in Field Environments before deployment.',
  },
  {
    code: 'MED-PEP',
    title: 'PEP kits and trained custodians',
    kind: 'mitigation',
    category: 'medical',
    description: 'Post-exposure prophylaxis kits with trained custodians.',
  },
  {
    code: 'MED-CASEVAC',
    title: 'Casualty evacuation plan',
    kind: 'mitigation',
    category: 'medical',
    description: 'Tested plan and contracts for casualty evacuation.',
  },
  {
    code: 'INF-ANALYSIS',
    title: 'Daily security information analysis',
    kind: 'prevention',
    category: 'information',
    description: 'Daily analysis and briefing of security incidents and trends.',
  },
  {
    code: 'ALT-REMOTE',
    title: 'Alternate work modalities',
    kind: 'prevention',
    category: 'avoidance',
    description: 'Remote programming or work from a safer location.',
  },
  {
    code: 'EVA-PLAN',
    title: 'Relocation and evacuation plan',
    kind: 'mitigation',
    category: 'avoidance',
    description: 'Tested relocation and evacuation plan with lists from who-is-where.',
  },
];
