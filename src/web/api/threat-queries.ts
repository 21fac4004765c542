import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Advisory, Assessment, Category, CompareRow, HazardAssessment } from './threat-types';

export interface AdvisoryFilter {
  region?: string;
  overdue?: boolean;
  mine?: boolean;
}

export interface CompareFilter {
  region?: string;
  category?: Category | '';
  minLevel?: string;
}

/**
 * Query keys and queries of the security-level screens. Keys start with 'advisories' or
 * 'threats' so that a workflow action can refresh everything of its kind at once.
 */
export const threatKeys = {
  advisories: (f: AdvisoryFilter = {}) =>
    ['advisories', 'list', f.region ?? '', Boolean(f.overdue), Boolean(f.mine)] as const,
  advisory: (id: string) => ['advisories', 'one', id] as const,
  advisoryHistory: (id: string) => ['advisories', 'history', id] as const,
  compare: (f: CompareFilter) =>
    ['threats', 'compare', f.region ?? '', f.category ?? '', f.minLevel ?? ''] as const,
  areaAssessments: (areaCode: string) => ['threats', 'area', areaCode] as const,
  assessment: (id: string) => ['threats', 'one', id] as const,
  hazards: (areaCode: string) => ['threats', 'hazards', areaCode] as const,
};

const flag = (on: boolean | undefined) => (on ? 'true' : undefined);

export const useAdvisories = (f: AdvisoryFilter) =>
  useQuery({
    queryKey: threatKeys.advisories(f),
    queryFn: ({ signal }) =>
      api.get<Advisory[]>(
        '/advisories',
        { region: f.region, overdue: flag(f.overdue), mine: flag(f.mine) },
        signal,
      ),
  });

export const useAdvisory = (id: string) =>
  useQuery({
    queryKey: threatKeys.advisory(id),
    queryFn: ({ signal }) => api.get<Advisory>(`/advisories/${id}`, undefined, signal),
    enabled: Boolean(id),
  });

export const useAdvisoryHistory = (id: string) =>
  useQuery({
    queryKey: threatKeys.advisoryHistory(id),
    queryFn: ({ signal }) => api.get<Advisory[]>(`/advisories/${id}/history`, undefined, signal),
  });

/** The compare query string, shared by the table, the map and the CSV link. */
export const compareQuery = (f: CompareFilter) => ({
  region: f.region,
  category: f.category,
  minLevel: f.minLevel,
});

export const useCompare = (f: CompareFilter) =>
  useQuery({
    queryKey: threatKeys.compare(f),
    queryFn: ({ signal }) => api.get<CompareRow[]>('/threats/compare', compareQuery(f), signal),
  });

export const useAreaAssessments = (areaCode: string) =>
  useQuery({
    queryKey: threatKeys.areaAssessments(areaCode),
    queryFn: ({ signal }) =>
      api.get<Assessment[]>(`/threats/areas/${encodeURIComponent(areaCode)}/assessments`, undefined, signal),
    enabled: Boolean(areaCode),
  });

export const useAssessment = (id: string) =>
  useQuery({
    queryKey: threatKeys.assessment(id),
    queryFn: ({ signal }) => api.get<Assessment>(`/threats/assessments/${id}`, undefined, signal),
  });

export const useHazards = (areaCode: string) =>
  useQuery({
    queryKey: threatKeys.hazards(areaCode),
    queryFn: ({ signal }) =>
      api.get<HazardAssessment[]>(
        `/threats/areas/${encodeURIComponent(areaCode)}/hazards`,
        undefined,
        signal,
      ),
    enabled: Boolean(areaCode),
  });

/** After any write: lists, histories and details of that kind may all have changed. */
export const refreshAdvisories = (client: QueryClient) =>
  client.invalidateQueries({ queryKey: ['advisories'] });
export const refreshThreats = (client: QueryClient) => client.invalidateQueries({ queryKey: ['threats'] });
