/**
 * Who sees and does what with locally cost-shared budgets. Deny by default:
 *
 * - A country's budget (lines, every organization's share, payments) is read by whoever holds
 *   `costshare.read`, `costshare.manage` or `costshare.local.approve` over that country (its
 *   cost-sharing manager, its Designated Official, country auditors) or globally.
 * - An organization's bill across countries is read with `costshare.read` over that organization
 *   (its HQ focal point, budget officer, auditor) or globally: their own share only.
 * - Preparing, circulating, billing, recording payments and closing: `costshare.manage` over the
 *   country. Recording the SMT's approval: `costshare.local.approve` there (the Designated Official).
 */
import { can, holds, type Permission, scopeFilter } from '../../../server/access/rules';
import type { Principal } from '../../../server/auth/principal';
import type { Countries } from './local.repository';

export const READ: Permission = 'costshare.read';
export const MANAGE: Permission = 'costshare.manage';
export const APPROVE: Permission = 'costshare.local.approve';
const COUNTRY_READERS: Permission[] = [READ, MANAGE, APPROVE];

export const readsCountry = (p: Principal, countryCode: string) =>
  COUNTRY_READERS.some((perm) => can(p.grants, perm, { countryCode }));

export const managesCountry = (p: Principal, countryCode: string) => can(p.grants, MANAGE, { countryCode });
export const approvesCountry = (p: Principal, countryCode: string) => can(p.grants, APPROVE, { countryCode });
export const managesGlobally = (p: Principal) => can(p.grants, MANAGE, {});

export const readsOrganization = (p: Principal, organizationId: string) =>
  can(p.grants, READ, { organizationId }) || can(p.grants, READ, {});

/** The countries whose budgets the caller reads in full. */
export function readableCountries(p: Principal): Countries {
  const codes = new Set<string>();
  for (const perm of COUNTRY_READERS) {
    const f = scopeFilter(p.grants, perm);
    if (!f) continue;
    if (f.global) return 'all';
    for (const c of f.countryCodes) codes.add(c);
  }
  return [...codes];
}

/** The organizations whose share the caller reads everywhere (organization-scoped grants). */
export function readableOrganizations(p: Principal): string[] {
  return scopeFilter(p.grants, READ)?.organizationIds ?? [];
}

/** Holds any cost-sharing permission at all (reference data such as the categories). */
export const usesCostSharing = (p: Principal) => COUNTRY_READERS.some((perm) => holds(p.grants, perm));
