import { describe, expect, it } from 'vitest';
import { latLonBox } from './who.repository';

const R = 6_378_168; // earthdistance's earth()
const rad = (d: number) => (d * Math.PI) / 180;
/** Great-circle distance in metres on earthdistance's sphere. */
function distance(lat1: number, lon1: number, lat2: number, lon2: number) {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

describe('latLonBox (the radius pre-filter on travel segments)', () => {
  it('never leaves out a point within the radius, at any latitude, near the poles and the antimeridian', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 20_000; i++) {
      const lat = rnd() * 180 - 90;
      const lon = rnd() * 360 - 180;
      const km = [1, 20, 50, 500, 3000][i % 5] as number;
      const box = latLonBox(lat, lon, km);
      // A point at a random bearing and distance up to the radius (spherical destination formula).
      const d = (rnd() * km * 1000) / R;
      const b = rnd() * 2 * Math.PI;
      const lat2 = Math.asin(
        Math.sin(rad(lat)) * Math.cos(d) + Math.cos(rad(lat)) * Math.sin(d) * Math.cos(b),
      );
      let lon2 =
        rad(lon) +
        Math.atan2(
          Math.sin(b) * Math.sin(d) * Math.cos(rad(lat)),
          Math.cos(d) - Math.sin(rad(lat)) * Math.sin(lat2),
        );
      lon2 = ((((lon2 * 180) / Math.PI + 540) % 360) - 180) as number;
      const lat2d = (lat2 * 180) / Math.PI;
      if (distance(lat, lon, lat2d, lon2) > km * 1000) continue;
      expect(lat2d).toBeGreaterThanOrEqual(box.minLat);
      expect(lat2d).toBeLessThanOrEqual(box.maxLat);
      if (box.lon) {
        expect(lon2).toBeGreaterThanOrEqual(box.lon.min);
        expect(lon2).toBeLessThanOrEqual(box.lon.max);
      }
    }
  });

  it('bounds longitude only where it can', () => {
    expect(latLonBox(2.9, -75.1, 50).lon).not.toBeNull();
    expect(latLonBox(89.9, 0, 50).lon).toBeNull();
    expect(latLonBox(0, 179.9, 50).lon).toBeNull();
  });
});
