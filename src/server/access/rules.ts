/**
 * Access rules: which role may do what, and where. Pure functions, no I/O.
 *
 * Access follows roles AND scope (DOMAIN.md §1): a grant is a role held over the whole system, one
 * organization, one country or one area. Everything not granted is denied.
 */

export const ROLES = [
  'personnel',
  'org_security_focal_point',
  'org_hq_focal_point',
  'security_professional',
  'designated_official',
  'desk_officer',
  'auditor',
  'case_officer',
  'budget_officer',
  'costshare_manager',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  personnel: 'Personnel',
  org_security_focal_point: 'Organization security focal point',
  org_hq_focal_point: 'Organization HQ focal point',
  security_professional: 'Security professional',
  designated_official: 'Designated Official',
  desk_officer: 'Desk officer',
  auditor: 'Auditor',
  case_officer: 'Serious-crimes case officer',
  budget_officer: 'Budget officer (cost-sharing)',
  costshare_manager: 'Cost-sharing manager',
  admin: 'Administrator',
};

export const SCOPE_TYPES = ['global', 'organization', 'country', 'area'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export interface Grant {
  role: Role;
  scopeType: ScopeType;
  /** Organization id, ISO alpha-3 country code or area id; null for global. */
  scopeId: string | null;
}

export const PERMISSIONS = [
  'geo.read',
  'geo.write',
  'org.read',
  'org.write',
  'org.create',
  'premises.read',
  'premises.write',
  'users.read',
  'users.write',
  'audit.read',
  'advisory.read',
  'advisory.write',
  'advisory.approve',
  'threat.read',
  'threat.write',
  'threat.approve',
  'srm.read',
  'srm.write',
  'srm.approve',
  'srm.endorse',
  // Incidents: report (record one, see your own), read, correct any field, see victim identities
  // and sexual-assault details (need to know), and follow serious crimes in the confidential registry.
  'incident.report',
  'incident.read',
  'incident.write',
  'incident.sensitive',
  'incident.registry',
  // People and travel: profiles (everyone reads and corrects their own without a grant), HR
  // upkeep, requesting travel, reading travel, clearing it on the DO's behalf, who-is-where, and
  // setting an area's clearance rules.
  'people.read',
  'people.write',
  'travel.request',
  'travel.read',
  'travel.clear',
  'location.read',
  'clearance.configure',
  // Wardens (DOMAIN.md §8): read warden zones, their wardens and members; manage them (zones,
  // wardens, assignments): geographic zones with a country grant (the DO, a security professional
  // for them), organization zones with that organization's grant (its security focal point).
  'warden.read',
  'warden.manage',
  // Crisis: start and run a roll call where one's scope covers the place; follow one (organization
  // roles see their own people on the board).
  'rollcall.start',
  'rollcall.read',
  // Relocation and evacuation lists: make and run them where one's scope covers the place (read
  // with rollcall.read: organization roles see their own people on a list).
  'crisis.lists',
  // Cost-sharing (DOMAIN.md §10): read apportionments (transparent by design: an organization sees
  // every organization's approved figure, drafts only with a global grant) and manage them (census,
  // scenarios, approval), which only a global grant does for the system-wide jointly financed budget.
  'costshare.read',
  'costshare.manage',
  // Locally cost-shared security budgets: the Designated Official records the SMT's approval of
  // the country's budget (and reads it); preparing and billing it is costshare.manage there.
  'costshare.local.approve',
  // Webhook subscriptions (issue 7): manage subscriptions within the grant's scope.
  'webhook.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ['geo.read', 'org.read', 'advisory.read'];

/** The permissions each role carries, before scope is applied. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  personnel: [...EVERYONE, 'incident.report', 'travel.request'],
  org_security_focal_point: [
    ...EVERYONE,
    'warden.read',
    'warden.manage',
    'premises.read',
    'premises.write',
    'users.read',
    'srm.read',
    'incident.report',
    'incident.read',
    'incident.write',
    'people.read',
    'travel.request',
    'travel.read',
    'location.read',
    'rollcall.read',
    'webhook.manage',
  ],
  org_hq_focal_point: [
    ...EVERYONE,
    'warden.read',
    'org.write',
    'premises.read',
    'users.read',
    'users.write',
    'incident.read',
    'people.read',
    'people.write',
    'travel.request',
    'travel.read',
    'costshare.read',
  ],
  security_professional: [
    ...EVERYONE,
    'warden.read',
    'warden.manage',
    'geo.write',
    'premises.read',
    'premises.write',
    'threat.read',
    'threat.write',
    'advisory.write',
    'srm.read',
    'srm.write',
    'incident.report',
    'incident.read',
    'incident.write',
    'incident.sensitive',
    'people.read',
    'travel.read',
    'travel.clear',
    'location.read',
    'clearance.configure',
    'rollcall.start',
    'rollcall.read',
    'crisis.lists',
    'webhook.manage',
  ],
  designated_official: [
    ...EVERYONE,
    'warden.read',
    'warden.manage',
    'premises.read',
    'threat.read',
    'threat.approve',
    'advisory.approve',
    'srm.read',
    'srm.approve',
    'incident.read',
    'people.read',
    'travel.read',
    'travel.clear',
    'location.read',
    'clearance.configure',
    'rollcall.start',
    'rollcall.read',
    'crisis.lists',
    'costshare.local.approve',
  ],
  desk_officer: [
    ...EVERYONE,
    'warden.read',
    'geo.write',
    'premises.read',
    'threat.read',
    'threat.approve',
    'advisory.approve',
    'srm.read',
    'srm.endorse',
    'incident.read',
    'travel.read',
    'location.read',
    'rollcall.read',
  ],
  auditor: [
    ...EVERYONE,
    'warden.read',
    'premises.read',
    'users.read',
    'audit.read',
    'incident.read',
    'people.read',
    'travel.read',
    'costshare.read',
  ],
  case_officer: [...EVERYONE, 'incident.read', 'incident.sensitive', 'incident.registry'],
  // Finance and Budget Network (DOMAIN.md §1): an organization's budget officer reads; the central
  // cost-sharing manager (security department's finance) keeps the census and approves apportionments.
  budget_officer: [...EVERYONE, 'costshare.read'],
  costshare_manager: [...EVERYONE, 'costshare.read', 'costshare.manage'],
  admin: PERMISSIONS,
};

/** Which scopes make sense for each role; a grant outside these is rejected. */
export const ROLE_SCOPES: Record<Role, readonly ScopeType[]> = {
  personnel: ['organization'],
  org_security_focal_point: ['organization'],
  org_hq_focal_point: ['organization'],
  security_professional: ['country', 'area', 'global'],
  designated_official: ['country'],
  desk_officer: ['country', 'global'],
  auditor: ['organization', 'country', 'global'],
  case_officer: ['organization', 'country', 'global'],
  budget_officer: ['organization', 'global'],
  costshare_manager: ['global', 'country'],
  admin: ['global'],
};

/** What a protected record belongs to. Absent keys mean "not tied to one". */
export interface ResourceScope {
  organizationId?: string | null;
  countryCode?: string | null;
  areaId?: string | null;
}

/** True when the grant's scope contains the resource. */
export function covers(grant: Grant, resource: ResourceScope): boolean {
  switch (grant.scopeType) {
    case 'global':
      return true;
    case 'organization':
      return resource.organizationId != null && resource.organizationId === grant.scopeId;
    case 'country':
      return resource.countryCode != null && resource.countryCode === grant.scopeId;
    case 'area':
      return resource.areaId != null && resource.areaId === grant.scopeId;
  }
}

/** True when some grant carries the permission over a scope containing the resource. */
export function can(grants: readonly Grant[], permission: Permission, resource: ResourceScope = {}): boolean {
  return grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission) && covers(g, resource));
}

/**
 * True when some grant carries the permission, whatever its scope. For reference data that is not
 * tied to one organization or country (the list of countries, areas and organizations).
 */
export function holds(grants: readonly Grant[], permission: Permission): boolean {
  return grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

/** The union of permissions a user holds anywhere (drives navigation, not authorization). */
export function permissionsOf(grants: readonly Grant[]): Permission[] {
  const set = new Set<Permission>();
  for (const g of grants) for (const p of ROLE_PERMISSIONS[g.role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

/**
 * The filter a list query must apply so that a user reads only what their grants cover.
 * `null` means nothing at all may be read.
 */
export interface ScopeFilter {
  global: boolean;
  organizationIds: string[];
  countryCodes: string[];
  areaIds: string[];
}

export function scopeFilter(grants: readonly Grant[], permission: Permission): ScopeFilter | null {
  const relevant = grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
  if (relevant.length === 0) return null;
  const ids = (t: ScopeType) => [
    ...new Set(relevant.filter((g) => g.scopeType === t).map((g) => g.scopeId as string)),
  ];
  return {
    global: relevant.some((g) => g.scopeType === 'global'),
    organizationIds: ids('organization'),
    countryCodes: ids('country'),
    areaIds: ids('area'),
  };
}

/**
 * May `granter` give `grant` to someone? Administrators grant anything. An organization's HQ focal
 * point grants organization-scoped roles within that organization only: organizations decide who of
 * their staff get which access, not the country security adviser (DOMAIN.md §1).
 */
export function canGrant(granter: readonly Grant[], grant: Grant): boolean {
  if (!ROLE_SCOPES[grant.role].includes(grant.scopeType)) return false;
  if (granter.some((g) => g.role === 'admin')) return true;
  if (grant.scopeType !== 'organization') return false;
  return can(granter, 'users.write', { organizationId: grant.scopeId });
}
