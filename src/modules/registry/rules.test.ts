import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AreaGeometry, containsPoint, validateAreaGeometry } from './rules';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('area geometry', () => {
  it('accepts a closed polygon and a multipolygon, unwrapping a Feature', () => {
    expect(validateAreaGeometry({ type: 'Polygon', coordinates: [square(0, 0, 1, 1)] }).ok).toBe(true);
    expect(
      validateAreaGeometry({
        type: 'MultiPolygon',
        coordinates: [[square(0, 0, 1, 1)], [square(2, 2, 3, 3)]],
      }).ok,
    ).toBe(true);
    expect(
      validateAreaGeometry({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] },
      }).ok,
    ).toBe(true);
  });

  it('names the member that is wrong', () => {
    const open = validateAreaGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    });
    expect(open).toEqual({
      ok: false,
      errors: [{ field: 'polygon.coordinates[0]', message: 'a linear ring must end where it starts' }],
    });
    const swapped = validateAreaGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 95],
          [1, 1],
          [0, 0],
        ],
      ],
    });
    expect(swapped.ok === false && swapped.errors[0]!.field).toBe('polygon.coordinates[0][1]');
    expect(validateAreaGeometry({ type: 'Point', coordinates: [0, 0] })).toMatchObject({
      ok: false,
      errors: [{ field: 'polygon.type' }],
    });
    expect(validateAreaGeometry('nonsense').ok).toBe(false);
  });

  it('point in polygon honours holes (property)', () => {
    const g: AreaGeometry = {
      type: 'Polygon',
      coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] as [number, number][][],
    };
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 9.99, noNaN: true }),
        fc.double({ min: 0.01, max: 9.99, noNaN: true }),
        (x, y) => {
          const inHole = x > 4 && x < 6 && y > 4 && y < 6;
          const onHoleEdge = x === 4 || x === 6 || y === 4 || y === 6;
          if (!onHoleEdge) expect(containsPoint(g, x, y)).toBe(!inHole);
        },
      ),
    );
    expect(containsPoint(g, 11, 5)).toBe(false);
  });
});
