import type { Grant, Organization, RoleInfo } from '../api/types';

/** The server's label for a role, or the role id made readable when the labels are not loaded. */
export function roleLabel(role: string, roles: readonly RoleInfo[] | undefined): string {
  const found = roles?.find((r) => r.role === role);
  if (found) return found.label;
  const text = role.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "global", "organization UNDP", "country KEN" or "area …" for a grant's scope. */
export function scopeLabel(
  grant: Pick<Grant, 'scopeType' | 'scopeId'>,
  organizations: readonly Organization[] | undefined,
  areaName?: (id: string) => string | undefined,
): string {
  if (grant.scopeType === 'global' || !grant.scopeId) return 'global';
  if (grant.scopeType === 'organization') {
    const org = organizations?.find((o) => o.id === grant.scopeId);
    return `organization ${org?.code ?? grant.scopeId}`;
  }
  if (grant.scopeType === 'area') return `area ${areaName?.(grant.scopeId) ?? grant.scopeId.slice(0, 8)}`;
  return `country ${grant.scopeId}`;
}
