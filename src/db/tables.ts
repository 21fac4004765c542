/**
 * Kysely table types, one interface per table, mirroring src/db/migrations. Keep in step with the
 * SQL: `test/schema-drift.test.ts` compares these column lists with the migrated database.
 */
import type { ColumnType, Generated } from 'kysely';

/** A timestamptz column; insert may omit it when the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface OrganizationsTable {
  id: Generated<string>;
  code: string;
  name: string;
  type: 'secretariat' | 'agency' | 'fund' | 'programme' | 'other';
  counted_in_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CountriesTable {
  code: string;
  iso2: string;
  numeric: string | null;
  name: string;
  region: Generated<string>;
  subregion: Generated<string>;
  lat: number | null;
  lon: number | null;
  boundary: Json | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface AreasTable {
  id: Generated<string>;
  code: string;
  name: string;
  country_code: string;
  polygon: Json | null;
  pcode: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DutyStationsTable {
  id: Generated<string>;
  code: string;
  name: string;
  country_code: string;
  area_id: string;
  lat: number;
  lon: number;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PremisesTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: string;
  organization_id: string;
  station_id: string;
  lat: number | null;
  lon: number | null;
  address: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  organization_id: string | null;
  password_hash: string | null;
  status: Generated<'active' | 'disabled'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: NullableTimestamp;
}

export interface RoleGrantsTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  scope_type: 'global' | 'organization' | 'country' | 'area';
  scope_id: string | null;
  granted_by: string | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: Timestamp;
  success: boolean;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_id: string | null;
  country_code: string | null;
  outcome: 'success' | 'denied' | 'failed';
  before: Json | null;
  after: Json | null;
  detail: Json | null;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

type WorkflowStatus = 'draft' | 'approved' | 'published' | 'superseded';
type DateString = ColumnType<string, string, string>;

export interface ThreatAssessmentsTable {
  id: Generated<string>;
  area_id: string;
  number: number;
  status: WorkflowStatus;
  effective_date: DateString;
  summary: Generated<string>;
  legacy_security_level: number | null;
  source: Generated<'manual' | 'import'>;
  levels: ColumnType<Record<string, number>, string | undefined, string>;
  created_by: string | null;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  published_by: string | null;
  published_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ThreatLevelsTable {
  assessment_id: string;
  category: 'armed_conflict' | 'terrorism' | 'crime' | 'civil_unrest';
  level: number;
  intent: Generated<string>;
  capability: Generated<string>;
  inhibiting_context: Generated<string>;
  narrative: Generated<string>;
}

export interface HazardAssessmentsTable {
  id: Generated<string>;
  area_id: string;
  number: number;
  status: WorkflowStatus;
  effective_date: DateString;
  hazards: Json;
  host_capacity: 'none' | 'limited' | 'moderate' | 'strong';
  host_capacity_notes: Generated<string>;
  created_by: string | null;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  published_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TravelAdvisoriesTable {
  id: Generated<string>;
  country_code: string;
  area_id: string | null;
  subject_key: string;
  number: number;
  status: WorkflowStatus;
  levels: Json;
  headline: string;
  guidance: Generated<string>;
  required_clearance: 'none' | 'automatic' | 'manual';
  required_training: Json;
  contacts: Json;
  effective_date: DateString;
  review_by: DateString;
  owner_id: string | null;
  created_by: string | null;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  published_by: string | null;
  published_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  dedupe_key: string | null;
  payload: Json;
  recipients: Json;
  created_at: Timestamp;
  available_at: Timestamp;
  attempts: Generated<number>;
  delivered_at: NullableTimestamp;
  last_error: string | null;
  claim_token: string | null;
  dead_at: NullableTimestamp;
}

export interface RiskMatricesTable {
  id: Generated<string>;
  number: number;
  matrix: Json;
  note: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SrmsTable {
  id: Generated<string>;
  kind: 'country' | 'area' | 'ad_hoc';
  title: string;
  country_code: string;
  area_id: string | null;
  organization_id: string | null;
  period_start: DateString;
  period_end: DateString;
  status: 'draft' | 'approved' | 'endorsed' | 'superseded';
  threat_assessment_id: string | null;
  matrix_id: string;
  review_due: DateString;
  review_reason: string | null;
  smt_consulted_on: string | null;
  smt_note: Generated<string>;
  created_by: string | null;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  endorsed_by: string | null;
  endorsed_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SrmRisksTable {
  id: Generated<string>;
  srm_id: string;
  title: string;
  category: string;
  exposed: Generated<string>;
  likelihood: string;
  impact: string;
  inherent_risk: string;
  residual_risk: string;
  expected_risk: string;
  override_risk: string | null;
  override_reason: string | null;
  overridden_by: string | null;
  overridden_at: NullableTimestamp;
  strategy: Generated<'accept' | 'control' | 'avoid' | 'transfer'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeasureLibraryTable {
  id: Generated<string>;
  code: string;
  title: string;
  description: Generated<string>;
  kind: 'prevention' | 'mitigation';
  category: Generated<string>;
}

export interface SrmMeasuresTable {
  id: Generated<string>;
  risk_id: string;
  library_id: string | null;
  title: string;
  kind: 'prevention' | 'mitigation';
  mandatory: Generated<boolean>;
  steps: Generated<number>;
  owner_org_id: string | null;
  cost_cents: number | null;
  effectiveness: number | null;
  agreed_date: string | null;
  status: 'proposed' | 'approved' | 'implemented' | 'verified' | 'rejected';
  approved_by: string | null;
  approved_at: NullableTimestamp;
  implemented_on: string | null;
  evidence: string | null;
  verified_by: string | null;
  verified_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProgrammeActivitiesTable {
  id: Generated<string>;
  srm_id: string;
  title: string;
  organization_id: string;
  pc_level: number | null;
  period_start: DateString;
  period_end: DateString;
  eh_approved_by: string | null;
  eh_approved_on: string | null;
  eh_note: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeasureSelfAssessmentsTable {
  id: Generated<number>;
  measure_id: string;
  answer: 'in_place' | 'partly' | 'not_in_place';
  note: Generated<string>;
  assessed_by: string | null;
  assessed_at: Timestamp;
}

export interface ChangeCountersTable {
  name: string;
  n: number;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export type IncidentNature = 'violence' | 'safety' | 'situational';
export type IncidentRelevance = 'organization' | 'situational' | 'near_miss';

export interface IncidentsTable {
  id: Generated<string>;
  reference: string;
  occurred_on: DateString;
  occurred_at: NullableTimestamp;
  utc_offset: string | null;
  occurred_year: number;
  occurred_month: number;
  country_code: string;
  area_id: string | null;
  station_id: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: Generated<string>;
  admin1: Generated<string>;
  location: Generated<string>;
  category_code: string;
  nature: IncidentNature;
  relevance: IncidentRelevance;
  perpetrator_type: Generated<string>;
  perpetrator_name: Generated<string>;
  weapon: Generated<string>;
  context: Generated<string>;
  title: string;
  narrative: Generated<string>;
  sensitive_details: Generated<string>;
  captivity_outcome: Generated<string>;
  complex_id: string | null;
  reporting_org_id: string | null;
  affected: Generated<number>;
  killed: Generated<number>;
  injured: Generated<number>;
  kidnapped: Generated<number>;
  arrested: Generated<number>;
  source: Generated<'manual' | 'sind' | 'hxl' | 'demo'>;
  source_id: string | null;
  source_record: Json | null;
  revision: Generated<number>;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncidentOrganizationsTable {
  incident_id: string;
  organization_id: string;
}

export interface IncidentPersonnelTable {
  id: Generated<string>;
  incident_id: string;
  organization_id: string | null;
  personnel_category: 'international' | 'national' | 'dependant' | 'contractor' | 'partner' | 'unknown';
  sex: 'female' | 'male' | 'unknown';
  outcome:
    | 'killed'
    | 'injured'
    | 'abducted'
    | 'arrested_detained'
    | 'missing'
    | 'sexually_assaulted'
    | 'robbed'
    | 'intimidated_harassed';
  count: number;
  on_duty: boolean | null;
  directly_targeted: boolean | null;
  in_captivity: Generated<boolean>;
  person_name: Generated<string>;
  line_manager_email: Generated<string>;
  occurred_year: number;
  category_code: string;
  relevance: IncidentRelevance;
}

export interface IncidentImpactsTable {
  id: Generated<string>;
  incident_id: string;
  kind: 'premises' | 'property' | 'programme';
  organization_id: string | null;
  premises_id: string | null;
  description: Generated<string>;
  /** numeric(14,2): both engines read it back as a number (src/db/engine.ts). */
  estimated_loss: ColumnType<number | null, number | string | null, number | string | null>;
}

export interface IncidentRevisionsTable {
  id: Generated<number>;
  incident_id: string;
  number: number;
  changed_by: string | null;
  changed_at: Timestamp;
  reason: Generated<string>;
  changes: Json;
}

export interface SeriousCrimeCasesTable {
  id: Generated<string>;
  incident_id: string;
  status:
    | 'reported'
    | 'investigation'
    | 'prosecution'
    | 'trial'
    | 'convicted'
    | 'acquitted'
    | 'closed_unresolved';
  next_of_kin_focal_point: Generated<string>;
  authority: Generated<string>;
  case_reference: Generated<string>;
  notes: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncidentDistributionListsTable {
  id: Generated<string>;
  name: string;
  country_code: string | null;
  categories: Json;
  addresses: Json;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonnelHeadcountsTable {
  year: number;
  country_code: string;
  organization_id: string;
  headcount: number;
}

export interface NotificationPreferencesTable {
  user_id: string;
  email_enabled: Generated<boolean>;
  sms_enabled: Generated<boolean>;
  phone: string | null;
  language: Generated<string>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface OutboxDeliveriesTable {
  outbox_id: number;
  address: string;
  channel: Generated<string>;
  status: 'sent' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: NullableTimestamp;
  given_up_at: NullableTimestamp;
}

export interface WebhookSubscriptionsTable {
  id: Generated<string>;
  name: string;
  url: string;
  secret: string;
  topics: Json<string[]>;
  organization_id: string | null;
  country_code: string | null;
  active: Generated<boolean>;
  cursor_id: Generated<number>;
  secret_rotated_at: NullableTimestamp;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  subscription_id: string;
  outbox_id: number;
  status: Generated<'pending' | 'delivered' | 'dead'>;
  attempts: Generated<number>;
  available_at: Timestamp;
  claim_token: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  dead_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface InboxReadsTable {
  user_id: string;
  outbox_id: number;
  read_at: Timestamp;
}

export interface InboxEntriesTable {
  recipient: string;
  outbox_id: number;
}

export interface PeopleTable {
  id: Generated<string>;
  organization_id: string;
  external_id: string;
  kind: 'personnel' | 'dependant';
  sponsor_id: string | null;
  given_name: string;
  family_name: string;
  sex: Generated<'female' | 'male' | 'unknown'>;
  birth_date: DateString | null;
  nationality: string | null;
  email: string | null;
  phone: string | null;
  contract_type: Generated<string>;
  recruitment: 'international' | 'local';
  duty_station_id: string | null;
  residence_area_id: string | null;
  residence_address: Generated<string>;
  emergency_contact: Json;
  user_id: string | null;
  status: Generated<'active' | 'separated'>;
  source: Generated<'manual' | 'import' | 'scim' | 'demo'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingCoursesTable {
  code: string;
  name: string;
  validity_months: number | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface TrainingCertificatesTable {
  id: Generated<string>;
  person_id: string;
  course_code: string;
  completed_on: DateString;
  expires_on: DateString | null;
  certificate_ref: Generated<string>;
  source: Generated<'manual' | 'import' | 'demo'>;
  created_at: Timestamp;
}

export interface ClearanceRulesTable {
  id: Generated<string>;
  country_code: string;
  area_id: string | null;
  mode: 'automatic' | 'manual';
  required_courses: Json;
  pc_mandatory: Generated<boolean>;
  max_travellers: number | null;
  precise_tracking: Generated<boolean>;
  precise_until: NullableTimestamp;
  note: Generated<string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface TravelRequestsTable {
  id: Generated<string>;
  reference: string;
  person_id: string;
  requested_by: string | null;
  travel_type: 'official' | 'personal';
  purpose: string;
  pc_level: number | null;
  status: 'submitted' | 'pending' | 'cleared' | 'refused' | 'cancelled';
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision: 'automatic' | 'manual' | null;
  reasons: Json;
  starts_on: DateString;
  ends_on: DateString;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TravelSegmentsTable {
  id: Generated<string>;
  request_id: string;
  person_id: string;
  position: number;
  country_code: string;
  area_id: string;
  station_id: string | null;
  lat: number | null;
  lon: number | null;
  arrives_at: Timestamp;
  departs_at: Timestamp;
  stopover: Generated<boolean>;
  leaves_airport: Generated<boolean>;
  status: string;
}

export interface PreciseLocationsTable {
  id: Generated<number>;
  person_id: string;
  lat: number;
  lon: number;
  recorded_at: Timestamp;
  expires_at: Timestamp;
  rule_id: string;
}

export interface RollCallsTable {
  id: Generated<string>;
  reference: string;
  title: string;
  guidance: Generated<string>;
  country_code: string;
  area_id: string | null;
  zone_id: string | null;
  zone_code: string | null;
  started_by: string | null;
  started_by_label: string;
  started_at: Timestamp;
  escalate_after_min: number;
  status: Generated<'open' | 'closed'>;
  closed_at: NullableTimestamp;
  closed_by_label: string | null;
  version: Generated<number>;
}

export interface RollCallContactsTable {
  roll_call_id: string;
  person_id: string;
  token_hash: Buffer;
  email: string | null;
  phone: string | null;
}

export interface RollCallPeopleTable {
  roll_call_id: string;
  person_id: string;
  contact_id: string | null;
  organization_id: string;
  kind: string;
  recruitment: string;
  zone_id: string | null;
  answer: Generated<'pending' | 'safe' | 'need_help'>;
  answered_at: NullableTimestamp;
  answered_via: 'web' | 'sms' | 'warden' | 'security' | null;
  answered_by: string | null;
  lat: number | null;
  lon: number | null;
  note: string | null;
  escalated_at: NullableTimestamp;
  escalations: Generated<number>;
}

export interface RollCallLogTable {
  id: Generated<number>;
  roll_call_id: string;
  at: Timestamp;
  kind: 'started' | 'decision' | 'escalated' | 'answered' | 'closed';
  actor_label: string;
  text: string;
}

export interface CrisisListsTable {
  id: Generated<string>;
  reference: string;
  kind: 'relocation' | 'evacuation';
  title: string;
  country_code: string;
  area_id: string | null;
  destination: string;
  destination_country: string | null;
  destination_area_id: string | null;
  as_of: Timestamp;
  refreshed_at: Timestamp;
  created_by: string | null;
  created_by_label: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface CrisisListPeopleTable {
  list_id: string;
  person_id: string;
  organization_id: string;
  eligible: boolean;
  rule: string;
  reason: string;
  location: Generated<string>;
  source: Generated<'duty_station' | 'travel'>;
  present: Generated<boolean>;
  absent_since: NullableTimestamp;
  status: Generated<'listed' | 'confirmed' | 'moved' | 'declined' | 'unreachable'>;
  status_note: Generated<string>;
  status_by_label: string | null;
  status_at: NullableTimestamp;
  added_at: Timestamp;
  version: Generated<number>;
}

export interface CrisisDesignationsTable {
  id: Generated<string>;
  person_id: string;
  country_code: string;
  reason: string;
  designated_by: string | null;
  designated_by_label: string;
  designated_at: Timestamp;
  withdrawn_at: NullableTimestamp;
  withdrawn_by_label: string | null;
}

export interface WardenZonesTable {
  id: Generated<string>;
  code: string;
  name: string;
  country_code: string;
  kind: 'geographic' | 'organization';
  organization_id: string | null;
  polygon: Json | null;
  description: Generated<string>;
  archived_at: NullableTimestamp;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WardenZoneStationsTable {
  zone_id: string;
  station_id: string;
}

export interface WardenZoneAreasTable {
  zone_id: string;
  area_id: string;
}

export interface WardenZoneRingsTable {
  zone_id: string;
  part: number;
  ring: number;
  /** A native polygon, written as text '((x,y),…)' (x = lon, y = lat). */
  shape: string;
}

export interface WardensTable {
  id: Generated<string>;
  zone_id: string;
  user_id: string;
  person_id: string | null;
  role: 'warden' | 'deputy';
  appointed_by: string | null;
  appointed_at: Timestamp;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface WardenAssignmentsTable {
  id: Generated<string>;
  person_id: string;
  zone_id: string;
  zone_kind: 'geographic' | 'organization';
  assigned_by: string | null;
  assigned_at: Timestamp;
  version: Generated<number>;
}

export interface LocalCostshareCategoriesTable {
  code: string;
  name: string;
  position: number;
  miscellaneous: Generated<boolean>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface JointlyFundedCostsTable {
  id: Generated<string>;
  country_code: string | null;
  category_code: string;
  description: string;
  match_terms: ColumnType<string[], string | undefined, string>;
  whole_category: Generated<boolean>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocalBudgetsTable {
  id: Generated<string>;
  country_code: string;
  year: number;
  currency: Generated<string>;
  status: Generated<'draft' | 'circulated' | 'approved' | 'billed' | 'closed'>;
  notes: Generated<string>;
  circulated_at: NullableTimestamp;
  approved_on: ColumnType<string | null, string | null | undefined, string | null>;
  approved_by: string | null;
  smt_meeting_ref: string | null;
  smt_members: ColumnType<string[] | null, string | null | undefined, string | null>;
  headcount_source: 'personnel_headcounts' | 'people' | null;
  billed_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocalBudgetLinesTable {
  id: Generated<string>;
  budget_id: string;
  position: number;
  category_code: string;
  description: string;
  amount_cents: number;
  currency: string;
}

export interface LocalBudgetSharesTable {
  budget_id: string;
  organization_id: string;
  headcount: number;
  amount_cents: number;
}

export interface LocalBudgetPaymentsTable {
  id: Generated<string>;
  budget_id: string;
  organization_id: string;
  paid_on: ColumnType<string, string, string>;
  amount_cents: number;
  reference: Generated<string>;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface LocalBudgetVersionsTable {
  budget_id: string;
  version: number;
  status: string;
  action: string;
  snapshot: Json;
  actor_id: string | null;
  at: Timestamp;
}

/** Jointly financed activities: a budget period (biennium) with its approved total and minimum. */
export interface CostsharePeriodsTable {
  id: Generated<string>;
  code: string;
  name: string;
  starts_on: string;
  ends_on: string;
  currency: Generated<string>;
  total_cents: number;
  minimum_cents: number;
  census_date: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CostshareCensusTable {
  period_id: string;
  organization_id: string;
  position: number;
  headcount: number;
  counted_in_id: string | null;
}

export interface CostshareScenariosTable {
  id: Generated<string>;
  period_id: string;
  name: string;
  description: Generated<string>;
  total_cents: number | null;
  minimum_cents: number | null;
  headcounts: Json<{ organizationId: string; headcount: number }[]>;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CostshareApportionmentsTable {
  id: Generated<string>;
  period_id: string;
  version_no: number;
  scenario_name: string | null;
  currency: string;
  total_cents: number;
  minimum_cents: number;
  census: Json<{ organization: string; headcount: number; countedIn: string | null }[]>;
  note: Generated<string>;
  approved_by: string | null;
  approved_by_name: string;
  approved_at: Timestamp;
}

export interface CostshareApportionmentLinesTable {
  apportionment_id: string;
  organization_id: string;
  organization_code: string;
  position: number;
  own_headcount: number;
  headcount: number;
  counted_in_code: string | null;
  billed: boolean;
  minimum_applied: boolean;
  minimum_round: number | null;
  amount_cents: number;
  rounding_cents: number;
}

export interface DB {
  organizations: OrganizationsTable;
  countries: CountriesTable;
  areas: AreasTable;
  duty_stations: DutyStationsTable;
  premises: PremisesTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  schema_migrations: SchemaMigrationsTable;
  threat_assessments: ThreatAssessmentsTable;
  threat_levels: ThreatLevelsTable;
  hazard_assessments: HazardAssessmentsTable;
  travel_advisories: TravelAdvisoriesTable;
  outbox: OutboxTable;
  risk_matrices: RiskMatricesTable;
  srms: SrmsTable;
  srm_risks: SrmRisksTable;
  measure_library: MeasureLibraryTable;
  srm_measures: SrmMeasuresTable;
  programme_activities: ProgrammeActivitiesTable;
  measure_self_assessments: MeasureSelfAssessmentsTable;
  change_counters: ChangeCountersTable;
  incidents: IncidentsTable;
  incident_organizations: IncidentOrganizationsTable;
  incident_personnel: IncidentPersonnelTable;
  incident_impacts: IncidentImpactsTable;
  incident_revisions: IncidentRevisionsTable;
  serious_crime_cases: SeriousCrimeCasesTable;
  incident_distribution_lists: IncidentDistributionListsTable;
  personnel_headcounts: PersonnelHeadcountsTable;
  outbox_deliveries: OutboxDeliveriesTable;
  notification_preferences: NotificationPreferencesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  inbox_reads: InboxReadsTable;
  inbox_entries: InboxEntriesTable;
  people: PeopleTable;
  training_courses: TrainingCoursesTable;
  training_certificates: TrainingCertificatesTable;
  clearance_rules: ClearanceRulesTable;
  travel_requests: TravelRequestsTable;
  travel_segments: TravelSegmentsTable;
  precise_locations: PreciseLocationsTable;
  costshare_periods: CostsharePeriodsTable;
  costshare_census: CostshareCensusTable;
  costshare_scenarios: CostshareScenariosTable;
  costshare_apportionments: CostshareApportionmentsTable;
  costshare_apportionment_lines: CostshareApportionmentLinesTable;
  local_costshare_categories: LocalCostshareCategoriesTable;
  jointly_funded_costs: JointlyFundedCostsTable;
  local_budgets: LocalBudgetsTable;
  local_budget_lines: LocalBudgetLinesTable;
  local_budget_shares: LocalBudgetSharesTable;
  local_budget_payments: LocalBudgetPaymentsTable;
  local_budget_versions: LocalBudgetVersionsTable;
  roll_calls: RollCallsTable;
  roll_call_contacts: RollCallContactsTable;
  roll_call_people: RollCallPeopleTable;
  roll_call_log: RollCallLogTable;
  crisis_lists: CrisisListsTable;
  crisis_list_people: CrisisListPeopleTable;
  crisis_designations: CrisisDesignationsTable;
  warden_zones: WardenZonesTable;
  warden_zone_stations: WardenZoneStationsTable;
  warden_zone_areas: WardenZoneAreasTable;
  warden_zone_rings: WardenZoneRingsTable;
  wardens: WardensTable;
  warden_assignments: WardenAssignmentsTable;
}
