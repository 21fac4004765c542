import { type ComponentType, lazy } from 'react';
import type { Permission } from '../api/types';

/**
 * The screens, each its own lazily loaded chunk so that the first load stays small; MapLibre is
 * only fetched with the map screen.
 */
export interface RouteDef {
  path: string;
  label?: string;
  /** Shown and reachable when the user holds any of these (empty: every signed-in user). */
  anyOf: Permission[];
  screen: ComponentType<{ params: Record<string, string> }>;
}

const MapScreen = lazy(() => import('../map/map-screen'));
const OrganizationsScreen = lazy(() => import('../organizations/organizations-screen'));
const CountriesScreen = lazy(() => import('../geography/countries-screen'));
const CountryScreen = lazy(() => import('../geography/country-screen'));
const PremisesScreen = lazy(() => import('../premises/premises-screen'));
const ImportScreen = lazy(() => import('../imports/import-screen'));
const UsersScreen = lazy(() => import('../users/users-screen'));
const AuditScreen = lazy(() => import('../audit/audit-screen'));
const TokensScreen = lazy(() => import('../tokens/tokens-screen'));
const AdvisoriesScreen = lazy(() => import('../advisories/advisories-screen'));
const AdvisoryScreen = lazy(() => import('../advisories/advisory-screen'));
const AdvisoryNewScreen = lazy(() => import('../advisories/advisory-new-screen'));
const CompareScreen = lazy(() => import('../compare/compare-screen'));
const AssessmentsScreen = lazy(() => import('../assessments/assessments-screen'));
const AssessmentScreen = lazy(() => import('../assessments/assessment-screen'));
const SrmDashboardScreen = lazy(() => import('../srm/srm-dashboard-screen'));
const SrmScreen = lazy(() => import('../srm/srm-screen'));
const MeasuresSearchScreen = lazy(() => import('../srm/measures-search-screen'));
const IncidentsScreen = lazy(() => import('../incidents/incidents-screen'));
const IncidentNewScreen = lazy(() => import('../incidents/incident-new-screen'));
const IncidentScreen = lazy(() => import('../incidents/incident-screen'));
const IncidentStatsScreen = lazy(() => import('../incidents/incident-stats-screen'));
const IncidentsMapScreen = lazy(() => import('../incidents/incidents-map-screen'));
const RegistryScreen = lazy(() => import('../incidents/registry-screen'));
const DistributionListsScreen = lazy(() => import('../incidents/distribution-lists-screen'));
const ProfileScreen = lazy(() => import('../people/profile-screen'));
const PeopleScreen = lazy(() => import('../people/people-screen'));
const PersonScreen = lazy(() => import('../people/person-screen'));
const PeopleImportScreen = lazy(() => import('../people/people-import-screen'));
const TrainingReportScreen = lazy(() => import('../people/training-report-screen'));
const MyTravelScreen = lazy(() => import('../travel/my-travel-screen'));
const TravelNewScreen = lazy(() => import('../travel/travel-new-screen'));
const TravelRequestScreen = lazy(() => import('../travel/travel-request-screen'));
const QueueScreen = lazy(() => import('../travel/queue-screen'));
const ClearanceRulesScreen = lazy(() => import('../travel/clearance-rules-screen'));
const WhoScreen = lazy(() => import('../travel/who-screen'));
const CrisisListsScreen = lazy(() => import('../crisis/lists-screen'));
const CrisisListNewScreen = lazy(() => import('../crisis/list-new-screen'));
const CrisisListScreen = lazy(() => import('../crisis/list-screen'));
const InboxScreen = lazy(() => import('../notifications/inbox-screen'));
const WardensScreen = lazy(() => import('../wardens/wardens-screen'));
const WardenZoneScreen = lazy(() => import('../wardens/zone-screen'));
const MyWardenZoneScreen = lazy(() => import('../wardens/my-zone-screen'));
const RollCallsScreen = lazy(() => import('../rollcall/rollcalls-screen'));
const RollCallStartScreen = lazy(() => import('../rollcall/rollcall-start-screen'));
const RollCallBoardScreen = lazy(() => import('../rollcall/rollcall-board-screen'));
const CostshareScreen = lazy(() => import('../costshare/costshare-screen'));
const CostsharePeriodScreen = lazy(() => import('../costshare/period-screen'));
const LocalBudgetsScreen = lazy(() => import('../costshare/local/budgets-screen'));
const LocalBudgetScreen = lazy(() => import('../costshare/local/budget-screen'));
const LocalBillScreen = lazy(() => import('../costshare/local/bill-screen'));
const LocalOverdueScreen = lazy(() => import('../costshare/local/overdue-screen'));

export const ROUTES: RouteDef[] = [
  { path: '/', label: 'Map', anyOf: ['geo.read'], screen: MapScreen },
  { path: '/advisories', label: 'Advisories', anyOf: ['advisory.read'], screen: AdvisoriesScreen },
  // Before '/advisories/:id', which would otherwise take "new" for an id (the first match wins).
  { path: '/advisories/new', anyOf: ['advisory.write'], screen: AdvisoryNewScreen },
  { path: '/advisories/:id', anyOf: ['advisory.read'], screen: AdvisoryScreen },
  { path: '/compare', label: 'Compare', anyOf: ['advisory.read'], screen: CompareScreen },
  { path: '/assessments', label: 'Assessments', anyOf: ['threat.read'], screen: AssessmentsScreen },
  { path: '/assessments/:id', anyOf: ['threat.read'], screen: AssessmentScreen },
  { path: '/srm', label: 'Risk management', anyOf: ['srm.read'], screen: SrmDashboardScreen },
  // Before '/srm/:id', which would otherwise take "measures" for an id.
  { path: '/srm/measures', anyOf: ['srm.read'], screen: MeasuresSearchScreen },
  { path: '/srm/:id', anyOf: ['srm.read'], screen: SrmScreen },
  {
    path: '/incidents',
    label: 'Incidents',
    anyOf: ['incident.read', 'incident.report'],
    screen: IncidentsScreen,
  },
  // Before '/incidents/:id', which would otherwise take these names for ids.
  { path: '/incidents/new', label: 'Record incident', anyOf: ['incident.report'], screen: IncidentNewScreen },
  { path: '/incidents/stats', anyOf: ['incident.read'], screen: IncidentStatsScreen },
  { path: '/incidents/map', anyOf: ['incident.read'], screen: IncidentsMapScreen },
  {
    path: '/incidents/registry',
    label: 'Serious crimes',
    anyOf: ['incident.registry'],
    screen: RegistryScreen,
  },
  { path: '/incidents/lists', anyOf: ['incident.write'], screen: DistributionListsScreen },
  { path: '/incidents/:id', anyOf: ['incident.read', 'incident.report'], screen: IncidentScreen },
  { path: '/travel', label: 'Travel', anyOf: [], screen: MyTravelScreen },
  // Before '/travel/requests/:id'; the names below are not ids.
  { path: '/travel/new', anyOf: ['travel.request'], screen: TravelNewScreen },
  { path: '/travel/queue', label: 'Travel approvals', anyOf: ['travel.clear'], screen: QueueScreen },
  { path: '/travel/rules', anyOf: ['clearance.configure'], screen: ClearanceRulesScreen },
  { path: '/travel/requests/:id', anyOf: [], screen: TravelRequestScreen },
  { path: '/who', label: 'Who is where', anyOf: ['location.read'], screen: WhoScreen },
  {
    path: '/crisis/lists',
    label: 'Relocation & evacuation',
    anyOf: ['crisis.lists', 'rollcall.read'],
    screen: CrisisListsScreen,
  },
  // Before '/crisis/lists/:id', which would otherwise take "new" for an id.
  { path: '/crisis/lists/new', anyOf: ['crisis.lists'], screen: CrisisListNewScreen },
  { path: '/crisis/lists/:id', anyOf: ['crisis.lists', 'rollcall.read'], screen: CrisisListScreen },
  {
    path: '/rollcalls',
    label: 'Roll calls',
    anyOf: ['rollcall.read', 'rollcall.start'],
    screen: RollCallsScreen,
  },
  // Before '/rollcalls/:id', which would otherwise take "new" for an id.
  { path: '/rollcalls/new', anyOf: ['rollcall.start'], screen: RollCallStartScreen },
  // Any signed-in user: a warden follows the link of an escalation; the API answers 404 to others.
  { path: '/rollcalls/:id', anyOf: [], screen: RollCallBoardScreen },
  { path: '/costshare', label: 'Cost-sharing', anyOf: ['costshare.read'], screen: CostshareScreen },
  // Before '/costshare/:id', which would otherwise take "local" for an id.
  {
    path: '/costshare/local',
    label: 'Local security budgets',
    anyOf: ['costshare.read', 'costshare.manage', 'costshare.local.approve'],
    screen: LocalBudgetsScreen,
  },
  { path: '/costshare/local/bill', anyOf: ['costshare.read'], screen: LocalBillScreen },
  {
    path: '/costshare/local/overdue',
    anyOf: ['costshare.read', 'costshare.manage', 'costshare.local.approve'],
    screen: LocalOverdueScreen,
  },
  {
    path: '/costshare/local/budgets/:id',
    anyOf: ['costshare.read', 'costshare.manage', 'costshare.local.approve'],
    screen: LocalBudgetScreen,
  },
  { path: '/costshare/:id', anyOf: ['costshare.read'], screen: CostsharePeriodScreen },
  { path: '/wardens', label: 'Wardens', anyOf: ['warden.read'], screen: WardensScreen },
  // Any signed-in user: a warden needs no grant to see their own zone (the API answers 404 to others).
  { path: '/wardens/me', label: 'My warden zone', anyOf: [], screen: MyWardenZoneScreen },
  { path: '/wardens/zones/:id', anyOf: [], screen: WardenZoneScreen },
  { path: '/people', label: 'People', anyOf: ['people.read'], screen: PeopleScreen },
  // Before '/people/:id', which would otherwise take these names for ids.
  { path: '/people/import', anyOf: ['people.write'], screen: PeopleImportScreen },
  { path: '/people/training', anyOf: ['people.read'], screen: TrainingReportScreen },
  { path: '/people/:id', anyOf: ['people.read'], screen: PersonScreen },
  { path: '/organizations', label: 'Organizations', anyOf: ['org.read'], screen: OrganizationsScreen },
  { path: '/countries', label: 'Countries', anyOf: ['geo.read'], screen: CountriesScreen },
  { path: '/countries/:code', anyOf: ['geo.read'], screen: CountryScreen },
  { path: '/premises', label: 'Premises', anyOf: ['premises.read'], screen: PremisesScreen },
  {
    path: '/import',
    label: 'Import',
    anyOf: ['org.write', 'org.create', 'geo.write', 'premises.write'],
    screen: ImportScreen,
  },
  { path: '/users', label: 'Users & access', anyOf: ['users.read'], screen: UsersScreen },
  { path: '/audit', label: 'Audit trail', anyOf: ['audit.read'], screen: AuditScreen },
  { path: '/inbox', label: 'Inbox', anyOf: [], screen: InboxScreen },
  { path: '/profile', label: 'My profile', anyOf: [], screen: ProfileScreen },
  { path: '/tokens', label: 'API tokens', anyOf: [], screen: TokensScreen },
];
