import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './random';

const draw = (seed: number | string, n = 20) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw('42')).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw('alpha')).not.toEqual(draw('beta'));
  });

  it('gives floats in [0, 1)', () => {
    const values = draw('range', 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.47);
    expect(mean).toBeLessThan(0.53);
  });

  it('int(min, max) stays within inclusive bounds and reaches both ends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 20 }),
        fc.string(),
        (min, span, seed) => {
          const rng = createRng(seed);
          for (let i = 0; i < 50; i++) {
            const v = rng.int(min, min + span);
            expect(Number.isInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(min);
            expect(v).toBeLessThanOrEqual(min + span);
          }
        },
      ),
    );
    const rng = createRng(7);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
  });

  it('float(min, max) stays within [min, max)', () => {
    const rng = createRng('f');
    for (let i = 0; i < 1000; i++) {
      const v = rng.float(-5, 5);
      expect(v).toBeGreaterThanOrEqual(-5);
      expect(v).toBeLessThan(5);
    }
  });

  it('pick and weighted choose members; zero weights are never chosen', () => {
    const rng = createRng('w');
    const items = ['a', 'b', 'c'];
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 6000; i++) counts[rng.weighted(items, [1, 0, 3]) as 'a' | 'b' | 'c']++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.5);
    expect(counts.c / counts.a).toBeLessThan(3.5);
    expect(items).toContain(rng.pick(items));
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.weighted(items, [0, 0, 0])).toThrow(RangeError);
    expect(() => rng.weighted(items, [1, 2])).toThrow(RangeError);
  });

  it('shuffle returns a permutation and leaves the input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
        const copy = items.slice();
        const out = createRng(seed).shuffle(items);
        expect(items).toEqual(copy);
        expect(out.slice().sort((a, b) => a - b)).toEqual(copy.sort((a, b) => a - b));
      }),
    );
  });

  it('fork gives independent, reproducible streams', () => {
    const a = createRng(1).fork('AFG');
    const b = createRng(1).fork('AFG');
    const c = createRng(1).fork('COD');
    const x = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(x);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(x);
    // Forking does not advance the parent.
    const parent = createRng(1);
    parent.fork('x');
    expect(parent.next()).toBe(createRng(1).next());
  });
});
