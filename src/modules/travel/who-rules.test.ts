import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fixRefusal,
  parseNear,
  preciseApproved,
  preciseExpiry,
  type SegmentAt,
  sumTotals,
  whereAt,
} from './who-rules';

const H = 3_600_000;
const t0 = new Date('2026-06-01T00:00:00Z');
const at = (h: number) => new Date(t0.getTime() + h * H);
const seg = (id: string, from: number, to: number, extra: Partial<SegmentAt> = {}): SegmentAt => ({
  id,
  arrivesAt: at(from),
  departsAt: at(to),
  leavesAirport: true,
  status: 'cleared',
  areaId: `area-${id}`,
  ...extra,
});

describe('whereAt', () => {
  it('is the duty station outside travel and the segment inside it (arrival inclusive, departure exclusive)', () => {
    const s = [seg('a', 10, 20)];
    expect(whereAt('st', s, at(9.99))).toEqual({ source: 'duty_station', stationId: 'st' });
    expect(whereAt('st', s, at(10)).source).toBe('travel');
    expect(whereAt('st', s, at(19.99)).source).toBe('travel');
    expect(whereAt('st', s, at(20)).source).toBe('duty_station');
    expect(whereAt(null, s, at(30))).toEqual({ source: 'unknown' });
  });

  it('counts pending travel, never refused, cancelled or submitted', () => {
    for (const status of ['cleared', 'pending'])
      expect(whereAt('st', [seg('a', 0, 5, { status })], at(1)).source).toBe('travel');
    for (const status of ['refused', 'cancelled', 'submitted'])
      expect(whereAt('st', [seg('a', 0, 5, { status })], at(1)).source).toBe('duty_station');
  });

  it('places an airside stopover nowhere: neither there nor at home', () => {
    expect(whereAt('st', [seg('a', 0, 5, { leavesAirport: false })], at(1)).source).toBe('transit');
  });

  it('takes the latest arrival when segments overlap', () => {
    const r = whereAt('st', [seg('a', 0, 10), seg('b', 5, 8)], at(6));
    expect(r.source === 'travel' && r.segment.id).toBe('b');
  });

  it('is travel exactly when some placing segment covers the moment (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 100 }),
            len: fc.integer({ min: 1, max: 30 }),
            ok: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        fc.integer({ min: -5, max: 140 }),
        (raw, h) => {
          const segs = raw.map((r, i) =>
            seg(String(i), r.from, r.from + r.len, { status: r.ok ? 'pending' : 'refused' }),
          );
          const covered = raw.some((r) => r.ok && r.from <= h && h < r.from + r.len);
          expect(whereAt('st', segs, at(h)).source === 'duty_station').toBe(!covered);
        },
      ),
    );
  });
});

describe('sumTotals', () => {
  it('adds sources, kinds and recruitment; organizations by size then code', () => {
    const t = sumTotals([
      { source: 'duty_station', organizationCode: 'B', kind: 'personnel', recruitment: 'local', count: 3 },
      {
        source: 'duty_station',
        organizationCode: 'A',
        kind: 'dependant',
        recruitment: 'international',
        count: 2,
      },
      { source: 'travel', organizationCode: 'A', kind: 'personnel', recruitment: 'international', count: 1 },
    ]);
    expect(t).toEqual({
      people: 6,
      personnel: 4,
      dependants: 2,
      international: 3,
      local: 3,
      travellers: 1,
      byOrganization: [
        { organization: 'A', people: 3, personnel: 1, dependants: 2 },
        { organization: 'B', people: 3, personnel: 3, dependants: 0 },
      ],
    });
    expect(sumTotals([]).people).toBe(0);
  });
});

describe('precise locations', () => {
  const approval = { preciseTracking: true, preciseUntil: at(200) };
  it('are approved only with tracking on and an end in the future', () => {
    expect(preciseApproved(approval, at(0))).toBe(true);
    expect(preciseApproved(approval, at(200))).toBe(false);
    expect(preciseApproved({ preciseTracking: true, preciseUntil: null }, at(0))).toBe(false);
    expect(preciseApproved({ preciseTracking: false, preciseUntil: at(200) }, at(0))).toBe(false);
    expect(preciseApproved(null, at(0))).toBe(false);
  });
  it('expire after 96 h or when the approval ends, whichever is first', () => {
    expect(preciseExpiry(at(0), approval)).toEqual(at(96));
    expect(preciseExpiry(at(150), approval)).toEqual(at(200));
  });
  it('are refused without approval, from the future, or older than 96 h', () => {
    expect(fixRefusal(at(0), approval, at(1))).toBeNull();
    expect(fixRefusal(at(0), null, at(1))).toMatch(/approved/);
    expect(fixRefusal(at(2), approval, at(1))).toMatch(/future/);
    expect(fixRefusal(at(0), approval, at(96))).toMatch(/96 hours/);
  });
});

describe('parseNear', () => {
  it('reads LAT,LON,KM and refuses the rest', () => {
    expect(parseNear('34.5, 69.2, 50')).toEqual({ lat: 34.5, lon: 69.2, km: 50 });
    for (const bad of ['1,2', '91,0,5', '0,181,5', '0,0,0', '0,0,1001', 'a,b,c', '1,,2'])
      expect(parseNear(bad)).toHaveProperty('error');
  });
});
