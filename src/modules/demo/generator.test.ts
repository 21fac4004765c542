import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { apportion, DEMO_PASSWORD, type DemoData, type DemoScale, generateDemo } from './generator';
import { loadCountries, pointInGeometry } from './geo';
import { PREMISES_KINDS } from './premises-layout';

/** The registry's import rule for codes (src/modules/registry/rules.ts, CODE_PATTERN). */
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

const boundaries = new Map(loadCountries().map((c) => [c.code, c.boundary]));
const cache = new Map<string, DemoData>();
const demo = (scale: DemoScale, seed = 1): DemoData => {
  const key = `${scale}/${seed}`;
  let d = cache.get(key);
  if (!d) {
    d = generateDemo({ seed, scale });
    cache.set(key, d);
  }
  return d;
};

const unique = (values: string[]) => new Set(values).size === values.length;

describe('apportion', () => {
  it('splits a total exactly, proportionally, with a minimum', () => {
    expect(apportion(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(apportion(7, [0, 0, 100], 1)).toEqual([1, 1, 5]);
    expect(apportion(5, [1, 1, 1, 1, 1]).reduce((a, b) => a + b)).toBe(5);
    expect(() => apportion(2, [1, 1, 1], 1)).toThrow(RangeError);
  });
});

describe('generateDemo determinism', () => {
  it('gives byte-identical output for the same seed and scale', () => {
    for (const scale of ['small', 'un'] as const) {
      const a = JSON.stringify(generateDemo({ seed: 7, scale }));
      const b = JSON.stringify(generateDemo({ seed: 7, scale }));
      expect(a).toBe(b);
    }
  });

  it('gives different data for different seeds', () => {
    for (const scale of ['small', 'un'] as const) {
      const a = demo(scale, 1);
      const b = demo(scale, 2);
      expect(JSON.stringify(a.stations)).not.toBe(JSON.stringify(b.stations));
      expect(JSON.stringify(a.premises)).not.toBe(JSON.stringify(b.premises));
    }
  });

  it('keeps the un scale fast', () => {
    const started = performance.now();
    generateDemo({ seed: 'timing', scale: 'un' });
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe.each(['small', 'un'] as const)('generateDemo %s', (scale) => {
  const d = demo(scale);
  const areaByCode = new Map(d.areas.map((a) => [a.code, a]));
  const stationByCode = new Map(d.stations.map((s) => [s.code, s]));
  const orgCodes = new Set(d.organizations.map((o) => o.code));

  it('produces counts in the expected ranges', () => {
    if (scale === 'small') {
      expect(d.organizations.length).toBeGreaterThanOrEqual(8);
      expect(d.organizations.length).toBeLessThanOrEqual(12);
      expect(d.countries).toHaveLength(8);
      expect(d.areas.length).toBeGreaterThanOrEqual(16);
      expect(d.areas.length).toBeLessThanOrEqual(32);
      expect(d.stations.length).toBeGreaterThanOrEqual(30);
      expect(d.stations.length).toBeLessThanOrEqual(50);
      expect(d.premises.length).toBeGreaterThanOrEqual(20);
      expect(d.premises.length).toBeLessThanOrEqual(40);
    } else {
      expect(d.organizations.length).toBeGreaterThanOrEqual(45);
      expect(d.countries.length).toBeGreaterThanOrEqual(180);
      expect(d.areas.length).toBeGreaterThanOrEqual(300);
      expect(d.areas.length).toBeLessThanOrEqual(1000);
      expect(d.stations.length).toBeGreaterThanOrEqual(1800);
      expect(d.stations.length).toBeLessThanOrEqual(2200);
      expect(d.premises.length).toBeGreaterThanOrEqual(5000);
      expect(d.premises.length).toBeLessThanOrEqual(6000);
    }
    for (const code of d.countries) {
      const n = d.areas.filter((a) => a.countryCode === code).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(scale === 'small' ? 4 : 12);
    }
  });

  it('has unique codes that the registry import accepts', () => {
    for (const list of [d.organizations, d.areas, d.stations, d.premises]) {
      const codes = list.map((x) => x.code);
      expect(unique(codes)).toBe(true);
      for (const c of codes) expect(c).toMatch(CODE);
    }
    expect(unique(d.users.map((u) => u.username))).toBe(true);
    for (const a of d.areas) expect(a.code).toMatch(/^[A-Z]{3}-\d{2}$/);
    for (const s of d.stations) expect(s.code).toMatch(/^[A-Z]{3}-[A-Z0-9]{3}$/);
  });

  it('has organizations with a counted-in pair whose parent is present and not itself counted', () => {
    const counted = d.organizations.filter((o) => o.countedIn);
    expect(counted.length).toBeGreaterThanOrEqual(1);
    for (const o of counted) {
      const parent = d.organizations.find((p) => p.code === o.countedIn);
      expect(parent).toBeDefined();
      expect(parent?.countedIn).toBeNull();
    }
  });

  it('gives every area a valid, closed GeoJSON polygon', () => {
    for (const a of d.areas) {
      expect(a.polygon.type).toBe('Polygon');
      expect(a.polygon.coordinates).toHaveLength(1);
      const ring = a.polygon.coordinates[0] as Position[];
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const [lon, lat] of ring as [number, number][]) {
        expect(lon).toBeGreaterThanOrEqual(-180);
        expect(lon).toBeLessThanOrEqual(180);
        expect(lat).toBeGreaterThanOrEqual(-90);
        expect(lat).toBeLessThanOrEqual(90);
      }
      const xs = ring.map((p) => p[0] as number);
      const ys = ring.map((p) => p[1] as number);
      expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0);
      expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(0);
      expect(d.countries).toContain(a.countryCode);
      expect(a.pcode).toMatch(/^[A-Z]{2}\d{2}$/);
      expect(a.name.length).toBeLessThanOrEqual(200);
    }
  });

  it('puts every station inside its country, in an area of the same country', () => {
    for (const s of d.stations) {
      const boundary = boundaries.get(s.countryCode);
      if (boundary) expect(pointInGeometry(s.lon, s.lat, boundary), `${s.code} ${s.lat},${s.lon}`).toBe(true);
      const area = areaByCode.get(s.areaCode);
      expect(area, s.code).toBeDefined();
      expect(area?.countryCode).toBe(s.countryCode);
      expect(s.code.startsWith(`${s.countryCode}-`)).toBe(true);
      expect(s.name.length).toBeGreaterThan(0);
    }
    for (const a of d.areas)
      expect(
        d.stations.some((s) => s.areaCode === a.code),
        a.code,
      ).toBe(true);
  });

  it('ties every premises to an existing organization and station', () => {
    for (const p of d.premises) {
      expect(orgCodes.has(p.organizationCode), p.code).toBe(true);
      expect(stationByCode.has(p.stationCode), p.code).toBe(true);
      expect(PREMISES_KINDS).toContain(p.kind);
      expect(p.code.startsWith(`${p.stationCode}-`)).toBe(true);
      expect(Math.abs(p.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(p.lon)).toBeLessThanOrEqual(180);
      expect(p.name.length).toBeLessThanOrEqual(200);
      expect(p.address.length).toBeLessThanOrEqual(500);
    }
    const used = new Set(d.premises.map((p) => p.organizationCode));
    for (const o of d.organizations) expect(used.has(o.code), o.code).toBe(true);
  });

  it('provides the demo logins with scoped grants that point at generated data', () => {
    const first = d.countries.includes('AFG') ? 'afg' : '';
    const names = d.users.map((u) => u.username);
    for (const n of ['admin', 'analyst', `sa.${first}`, `do.${first}`, 'desk', 'auditor'])
      expect(names).toContain(n);
    for (const n of ['focal.unicef', 'security.unicef', 'focal.wfp', 'security.wfp', 'staff.unicef']) {
      expect(names).toContain(n);
    }
    for (const u of d.users) {
      expect(u.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      if (u.organizationCode) expect(orgCodes.has(u.organizationCode)).toBe(true);
      for (const g of u.grants) {
        expect(g.scopeType === 'global').toBe(g.scopeCode === null);
        if (g.scopeType === 'organization') expect(orgCodes.has(g.scopeCode as string)).toBe(true);
        if (g.scopeType === 'country') expect(d.countries).toContain(g.scopeCode);
        if (g.scopeType === 'area') expect(areaByCode.has(g.scopeCode as string)).toBe(true);
      }
    }
    expect(d.users.find((u) => u.username === 'admin')?.grants).toEqual([
      { role: 'admin', scopeType: 'global', scopeCode: null },
    ]);
    expect(DEMO_PASSWORD).toBe('opensmin-demo');
  });
});
