/**
 * Checks a runtime list of a union the server declares (for select options and loops). The web
 * cannot import the server's constant, only its type, so it spells the list out, and the compiler
 * checks it both ways: nothing the server does not know, nothing of the server's missing. Type only,
 * so it adds nothing to the bundle:
 *
 *   const kinds = ['a', 'b'] as const;
 *   export const KINDS: EveryOf<Kind, typeof kinds> = kinds;
 *
 * EveryOf is the list itself when it is complete, otherwise a type naming what is missing or unknown
 * (so the assignment fails and says why).
 */
export type EveryOf<T, L extends readonly unknown[]> = [
  Exclude<T, L[number]>,
  Exclude<L[number], T>,
] extends [never, never]
  ? L
  : { missing: Exclude<T, L[number]>; unknown: Exclude<L[number], T> };
