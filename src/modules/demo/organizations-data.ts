/**
 * The organizations of the demo: real members of the UN Security Management System (UNSMS).
 *
 * `fieldWeight` is a rough relative size of each organization's field presence (number of premises
 * and personnel outside headquarters), used only to generate plausible demo data: operational
 * agencies are large, specialised and normative bodies tiny. It is not an official figure.
 */

export type OrganizationType = 'secretariat' | 'agency' | 'fund' | 'programme' | 'other';

export interface OrganizationSeed {
  /** Stable import code: upper-case letters, digits and '-'. */
  code: string;
  /** The acronym as the organization writes it (`UN Women`, `UN-Habitat`). */
  acronym: string;
  name: string;
  type: OrganizationType;
  /**
   * Code of the organization this one is counted inside for cost-sharing (its personnel are
   * reported and billed through the parent), or null.
   */
  countedIn: string | null;
  /** Relative field presence, 0.1 (a few people at headquarters) to 14 (WFP). */
  fieldWeight: number;
  /** Where the organization has field premises, when not everywhere (headquarters aside). */
  onlyIn?: FieldFootprint;
}

/** Countries (alpha-3), world regions or subregions (as in world-countries) an organization works in. */
export interface FieldFootprint {
  countries?: readonly string[];
  regions?: readonly string[];
  subregions?: readonly string[];
}

const org = (
  code: string,
  acronym: string,
  name: string,
  type: OrganizationType,
  fieldWeight: number,
  countedIn: string | null = null,
  onlyIn?: FieldFootprint,
): OrganizationSeed => ({ code, acronym, name, type, countedIn, fieldWeight, ...(onlyIn ? { onlyIn } : {}) });

const where = (countries: string): FieldFootprint => ({ countries: countries.split(' ') });
/** Peacekeeping and observer missions (UNTSO, UNDOF, UNIFIL, UNFICYP, UNMOGIP, UNMIK, MINUSCA…). */
const PEACE_OPERATIONS = where('CAF COD SSD SDN LBN SYR ISR PSE EGY JOR CYP IND PAK UNK');

/** All demo organizations, in a stable order (the `un` scale uses every one). */
export const ORGANIZATIONS: readonly OrganizationSeed[] = [
  // UN Secretariat departments, offices and regional commissions.
  org('DSS', 'UNDSS', 'Department of Safety and Security', 'secretariat', 3),
  org('DPPA', 'DPPA', 'Department of Political and Peacebuilding Affairs', 'secretariat', 1.5),
  org('DPO', 'DPO', 'Department of Peace Operations', 'secretariat', 6, null, PEACE_OPERATIONS),
  org('DOS', 'DOS', 'Department of Operational Support', 'secretariat', 1),
  org('DCO', 'DCO', 'Development Coordination Office (Resident Coordinator system)', 'secretariat', 1.5),
  org('OCHA', 'OCHA', 'Office for the Coordination of Humanitarian Affairs', 'secretariat', 4),
  org('OHCHR', 'OHCHR', 'Office of the United Nations High Commissioner for Human Rights', 'secretariat', 2),
  org('UNODC', 'UNODC', 'United Nations Office on Drugs and Crime', 'secretariat', 1.5),
  org('UNCTAD', 'UNCTAD', 'United Nations Conference on Trade and Development', 'secretariat', 0.2),
  org('ECA', 'ECA', 'Economic Commission for Africa', 'secretariat', 0.5, null, { regions: ['Africa'] }),
  org('ECE', 'ECE', 'Economic Commission for Europe', 'secretariat', 0.2, null, { regions: ['Europe'] }),
  org('ECLAC', 'ECLAC', 'Economic Commission for Latin America and the Caribbean', 'secretariat', 0.4, null, {
    regions: ['Americas'],
  }),
  org('ESCAP', 'ESCAP', 'Economic and Social Commission for Asia and the Pacific', 'secretariat', 0.4, null, {
    regions: ['Asia', 'Oceania'],
  }),
  org('ESCWA', 'ESCWA', 'Economic and Social Commission for Western Asia', 'secretariat', 0.3, null, {
    subregions: ['Western Asia', 'Northern Africa'],
  }),
  // Funds and programmes, and other UN entities.
  org('UNDP', 'UNDP', 'United Nations Development Programme', 'programme', 10),
  org('UNV', 'UNV', 'United Nations Volunteers programme', 'programme', 2, 'UNDP'),
  org('UNCDF', 'UNCDF', 'United Nations Capital Development Fund', 'fund', 0.5, 'UNDP'),
  org('UNICEF', 'UNICEF', "United Nations Children's Fund", 'fund', 12),
  org('WFP', 'WFP', 'World Food Programme', 'programme', 14),
  org('UNHCR', 'UNHCR', 'Office of the United Nations High Commissioner for Refugees', 'programme', 12),
  org('UNFPA', 'UNFPA', 'United Nations Population Fund', 'fund', 4),
  org('UNEP', 'UNEP', 'United Nations Environment Programme', 'programme', 0.8),
  org('UN-HABITAT', 'UN-Habitat', 'United Nations Human Settlements Programme', 'programme', 1),
  org('UNAIDS', 'UNAIDS', 'Joint United Nations Programme on HIV/AIDS', 'programme', 0.8),
  org(
    'UN-WOMEN',
    'UN Women',
    'United Nations Entity for Gender Equality and the Empowerment of Women',
    'other',
    2.5,
  ),
  org('UNOPS', 'UNOPS', 'United Nations Office for Project Services', 'other', 3),
  org(
    'UNRWA',
    'UNRWA',
    'United Nations Relief and Works Agency for Palestine Refugees in the Near East',
    'other',
    5,
    null,
    where('JOR LBN SYR PSE'),
  ),
  org('ITC', 'ITC', 'International Trade Centre', 'other', 0.2),
  org('UNITAR', 'UNITAR', 'United Nations Institute for Training and Research', 'other', 0.1),
  org('UNU', 'UNU', 'United Nations University', 'other', 0.2),
  org('UNSSC', 'UNSSC', 'United Nations System Staff College', 'other', 0.1),
  org('UNICC', 'UNICC', 'United Nations International Computing Centre', 'other', 0.1),
  org('UNFCCC', 'UNFCCC', 'United Nations Framework Convention on Climate Change secretariat', 'other', 0.1),
  // Specialized agencies.
  org('FAO', 'FAO', 'Food and Agriculture Organization of the United Nations', 'agency', 5),
  org('ILO', 'ILO', 'International Labour Organization', 'agency', 2),
  org('UNESCO', 'UNESCO', 'United Nations Educational, Scientific and Cultural Organization', 'agency', 2),
  org('WHO', 'WHO', 'World Health Organization', 'agency', 7),
  org('ICAO', 'ICAO', 'International Civil Aviation Organization', 'agency', 0.3),
  org('IMO', 'IMO', 'International Maritime Organization', 'agency', 0.1),
  org('ITU', 'ITU', 'International Telecommunication Union', 'agency', 0.3),
  org('UPU', 'UPU', 'Universal Postal Union', 'agency', 0.1),
  org('WMO', 'WMO', 'World Meteorological Organization', 'agency', 0.2),
  org('WIPO', 'WIPO', 'World Intellectual Property Organization', 'agency', 0.1),
  org('IFAD', 'IFAD', 'International Fund for Agricultural Development', 'agency', 0.8),
  org('UNIDO', 'UNIDO', 'United Nations Industrial Development Organization', 'agency', 0.8),
  org('UN-TOURISM', 'UN Tourism', 'World Tourism Organization', 'agency', 0.1),
  org('WBG', 'World Bank Group', 'World Bank Group', 'agency', 2),
  org('IMF', 'IMF', 'International Monetary Fund', 'agency', 0.5),
  // Related organizations and other UNSMS members.
  org('IAEA', 'IAEA', 'International Atomic Energy Agency', 'other', 0.3),
  org('IOM', 'IOM', 'International Organization for Migration', 'other', 8),
  org('ICC', 'ICC', 'International Criminal Court', 'other', 0.3),
];

/**
 * The `small` demo: ten organizations, among them UNV counted inside UNDP, and the two used for
 * organization-scoped demo logins (UNICEF and WFP).
 */
export const SMALL_ORGANIZATION_CODES: readonly string[] = [
  'DSS',
  'OCHA',
  'UNDP',
  'UNV',
  'UNICEF',
  'WFP',
  'UNHCR',
  'WHO',
  'UNFPA',
  'IOM',
];

/** Organizations whose focal points get demo logins (`focal.unicef`, `security.wfp`, …). */
export const DEMO_FOCAL_ORGANIZATIONS: readonly [string, string] = ['UNICEF', 'WFP'];
