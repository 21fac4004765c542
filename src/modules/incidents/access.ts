import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/tables';
import { can, type Permission, type ScopeFilter, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';

/**
 * Who sees which incident (DOMAIN.md §6): organizations see the incidents that affect them
 * everywhere; security professionals and officials see their country's or area's; whoever
 * reported an incident sees it. Victim identities and sexual-assault details need
 * `incident.sensitive` over the incident's scope as well.
 */
export interface IncidentScope {
  countryCode: string;
  areaId: string | null;
  organizationIds: readonly string[];
  createdBy: string | null;
}

/** True when some grant carries the permission over this incident. */
export function canOnIncident(principal: Principal, permission: Permission, i: IncidentScope): boolean {
  if (can(principal.grants, permission, { countryCode: i.countryCode, areaId: i.areaId })) return true;
  return i.organizationIds.some((organizationId) => can(principal.grants, permission, { organizationId }));
}

export function canRead(principal: Principal, i: IncidentScope): boolean {
  if (canOnIncident(principal, 'incident.read', i)) return true;
  // A reporter always sees what they reported, even without the right to read others'.
  return i.createdBy === principal.userId && canOnIncident(principal, 'incident.report', i);
}

export const canCorrect = (principal: Principal, i: IncidentScope) =>
  canOnIncident(principal, 'incident.write', i);

export const canSeeSensitive = (principal: Principal, i: IncidentScope) =>
  canOnIncident(principal, 'incident.sensitive', i);

/**
 * The list filter for reading incidents: what `incident.read` covers, plus the caller's own
 * reports. `null` means the caller may read none at all.
 */
export interface IncidentReadScope {
  read: ScopeFilter | null;
  /** Set when the caller may also read the incidents they reported themselves. */
  reporterId: string | null;
}

export function incidentReadScope(principal: Principal): IncidentReadScope | null {
  const read = scopeFilter(principal.grants, 'incident.read');
  const reports = scopeFilter(principal.grants, 'incident.report');
  if (!read && !reports) return null;
  return { read, reporterId: reports ? principal.userId : null };
}

/**
 * The WHERE condition restricting `incidents as i` to a read scope. One definition for lists,
 * statistics, maps and exports, so that a count never includes a row the list would hide.
 */
export function whereReadable(
  eb: ExpressionBuilder<DB & { i: DB['incidents'] }, 'i'>,
  scope: IncidentReadScope,
) {
  const { read, reporterId } = scope;
  if (read?.global) return eb.lit(true);
  const ors = [];
  if (read?.countryCodes.length) ors.push(eb('i.country_code', 'in', read.countryCodes));
  if (read?.areaIds.length) ors.push(eb('i.area_id', 'in', read.areaIds));
  if (read?.organizationIds.length) {
    const orgIds = read.organizationIds;
    ors.push(
      eb.exists(
        eb
          .selectFrom('incident_organizations as io')
          .select('io.incident_id')
          .whereRef('io.incident_id', '=', 'i.id')
          .where('io.organization_id', 'in', orgIds),
      ),
    );
  }
  if (reporterId) ors.push(eb('i.created_by', '=', reporterId));
  return ors.length ? eb.or(ors) : eb.lit(false);
}
