import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { CATEGORIES, type CategoryLevels, type CompareRow, type Level } from '../api/threat-types';

/**
 * The levels the server would give a new advisory: the area's current published assessment, or
 * for a whole country the highest of its areas per category (never an average). Used to prefill
 * and preview; the server computes them again when the form leaves them out.
 */
export function useAssessedLevels(countryCode: string, areaCode: string) {
  return useQuery({
    queryKey: ['threats', 'compare', 'country', countryCode],
    queryFn: ({ signal }) => api.get<CompareRow[]>('/threats/compare', { country: countryCode }, signal),
    enabled: Boolean(countryCode),
    select: (rows): CategoryLevels | null => {
      const own = areaCode ? rows.filter((r) => r.areaCode === areaCode) : rows;
      if (own.length === 0) return null;
      return Object.fromEntries(
        CATEGORIES.map((c) => [c, Math.max(...own.map((r) => r.byCategory[c])) as Level]),
      ) as CategoryLevels;
    },
  });
}

export const NEUTRAL_LEVELS: CategoryLevels = { armed_conflict: 1, terrorism: 1, crime: 1, civil_unrest: 1 };
