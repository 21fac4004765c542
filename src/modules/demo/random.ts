/**
 * A small seeded pseudo-random generator for deterministic demo and benchmark data.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state) seeded through the
 * xmur3 string hash. Math.random is never used: the same seed must give the same data on every
 * machine so that figures can be compared run to run (ARCHITECTURE.md, convention 10).
 */

/** A deterministic random stream. Every method advances the stream. */
export interface Rng {
  /** The seed string this stream was created from (forks append `/label`). */
  readonly seed: string;
  /** A float in [0, 1). */
  next(): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  bool(p?: number): boolean;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen with probability proportional to its weight (weights ≥ 0, sum > 0). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** A shuffled copy (Fisher–Yates); the input is left untouched. */
  shuffle<T>(items: readonly T[]): T[];
  /**
   * An independent stream derived from this stream's seed and a label. Forking by a stable label
   * (for example a country code) keeps one part of the data unchanged when another part changes.
   */
  fork(label: string): Rng;
}

/** xmur3: hashes a string into a sequence of 32-bit seeds. */
function xmur3(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

/** sfc32 over four 32-bit words; returns floats in [0, 1). */
function sfc32(a0: number, b0: number, c0: number, d0: number): () => number {
  let a = a0;
  let b = b0;
  let c = c0;
  let d = d0;
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * Creates a seeded random stream. A numeric seed is used through its decimal text, so `42` and
 * `'42'` give the same stream.
 */
export function createRng(seed: number | string): Rng {
  const seedText = String(seed);
  const hash = xmur3(seedText);
  const next = sfc32(hash(), hash(), hash(), hash());
  // Discard the first outputs: sfc32 mixes its state in the first few rounds.
  for (let i = 0; i < 12; i++) next();

  const rng: Rng = {
    seed: seedText,
    next,
    float: (min, max) => min + (max - min) * next(),
    int: (min, max) => {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}): bounds must be integers with min <= max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    bool: (p = 0.5) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick() from an empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(items: readonly T[], weights: readonly number[]): T => {
      if (items.length === 0 || items.length !== weights.length) {
        throw new RangeError('weighted() needs as many weights as items, and at least one item');
      }
      let total = 0;
      for (const w of weights) {
        if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weighted(): invalid weight ${w}`);
        total += w;
      }
      if (total <= 0) throw new RangeError('weighted(): weights sum to zero');
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] as number;
        if (r < 0) return items[i] as T;
      }
      // Floating-point rounding can leave r at ~0: return the last item with a positive weight.
      for (let i = items.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return items[i] as T;
      return items[items.length - 1] as T;
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
    fork: (label) => createRng(`${seedText}/${label}`),
  };
  return rng;
}
