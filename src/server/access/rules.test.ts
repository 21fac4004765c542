import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  can,
  canGrant,
  covers,
  type Grant,
  PERMISSIONS,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLE_SCOPES,
  ROLES,
  SCOPE_TYPES,
  scopeFilter,
} from './rules';

const ORG_A = 'org-a';
const ORG_B = 'org-b';
const grant = (role: Grant['role'], scopeType: Grant['scopeType'], scopeId: string | null = null): Grant => ({
  role,
  scopeType,
  scopeId,
});

const arbGrant = fc
  .record({
    role: fc.constantFrom(...ROLES),
    scopeType: fc.constantFrom(...SCOPE_TYPES),
    scopeId: fc.constantFrom(ORG_A, ORG_B, 'AFG', 'KEN', 'area-1', 'area-2'),
  })
  .map((g) => (g.scopeType === 'global' ? { ...g, scopeId: null } : g));
const arbResource = fc.record({
  organizationId: fc.constantFrom(ORG_A, ORG_B, null),
  countryCode: fc.constantFrom('AFG', 'KEN', null),
  areaId: fc.constantFrom('area-1', 'area-2', null),
});

describe('access rules', () => {
  it('denies everything to a user without grants', () => {
    for (const p of PERMISSIONS) expect(can([], p, { organizationId: ORG_A })).toBe(false);
  });

  it('an organization-scoped grant covers only that organization', () => {
    const g = grant('org_security_focal_point', 'organization', ORG_A);
    expect(can([g], 'premises.read', { organizationId: ORG_A })).toBe(true);
    expect(can([g], 'premises.read', { organizationId: ORG_B })).toBe(false);
    expect(can([g], 'premises.read', { countryCode: 'AFG' })).toBe(false);
  });

  it('a country-scoped security professional writes geography in that country only', () => {
    const g = grant('security_professional', 'country', 'AFG');
    expect(can([g], 'geo.write', { countryCode: 'AFG', areaId: 'area-1' })).toBe(true);
    expect(can([g], 'geo.write', { countryCode: 'KEN' })).toBe(false);
    expect(can([g], 'users.write', { countryCode: 'AFG' })).toBe(false);
  });

  it('a grant never gives a permission its role lacks, whatever the scope (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbGrant, { maxLength: 4 }),
        fc.constantFrom(...PERMISSIONS),
        arbResource,
        (grants, p, r) => {
          if (can(grants, p, r)) {
            expect(grants.some((g) => ROLE_PERMISSIONS[g.role].includes(p) && covers(g, r))).toBe(true);
          }
        },
      ),
    );
  });

  it('scopeFilter agrees with can for every resource (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbGrant, { maxLength: 4 }),
        fc.constantFrom(...PERMISSIONS),
        arbResource,
        (grants, p, r) => {
          const f = scopeFilter(grants, p);
          const byFilter =
            f !== null &&
            (f.global ||
              (r.organizationId !== null && f.organizationIds.includes(r.organizationId)) ||
              (r.countryCode !== null && f.countryCodes.includes(r.countryCode)) ||
              (r.areaId !== null && f.areaIds.includes(r.areaId)));
          expect(byFilter).toBe(can(grants, p, r));
        },
      ),
    );
  });

  it('permissionsOf lists exactly the permissions some grant carries', () => {
    const perms = permissionsOf([grant('auditor', 'organization', ORG_A)]);
    expect(perms).toContain('audit.read');
    expect(perms).not.toContain('users.write');
  });

  it('an HQ focal point grants organization roles in their own organization only', () => {
    const hq = [grant('org_hq_focal_point', 'organization', ORG_A)];
    expect(canGrant(hq, grant('personnel', 'organization', ORG_A))).toBe(true);
    expect(canGrant(hq, grant('org_security_focal_point', 'organization', ORG_A))).toBe(true);
    expect(canGrant(hq, grant('personnel', 'organization', ORG_B))).toBe(false);
    expect(canGrant(hq, grant('security_professional', 'country', 'AFG'))).toBe(false);
    expect(canGrant(hq, grant('admin', 'global'))).toBe(false);
  });

  it('a country security adviser cannot grant access to organizations’ staff', () => {
    const sa = [grant('security_professional', 'country', 'AFG')];
    expect(canGrant(sa, grant('personnel', 'organization', ORG_A))).toBe(false);
  });

  it('no grant is valid outside the scopes its role allows, not even by an administrator', () => {
    const adm = [grant('admin', 'global')];
    for (const role of ROLES) {
      for (const scopeType of SCOPE_TYPES) {
        const ok = canGrant(adm, grant(role, scopeType, scopeType === 'global' ? null : 'x'));
        expect(ok).toBe(ROLE_SCOPES[role].includes(scopeType));
      }
    }
  });
});
