import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type {
  DistributionList,
  Incident,
  IncidentCategory,
  IncidentListQuery,
  IncidentMap,
  IncidentPage,
  PersonnelAffectedReport,
  Revision,
  SeriousCrimeCase,
  StatDimension,
  StatsFilter,
  StatsRow,
} from './incident-types';

/** The list filters; they live in the URL and are passed on as they are to lists, maps and exports. */
export type IncidentFilter = Omit<IncidentListQuery, 'limit' | 'after'>;

/** The filter names, in the order the query string shows them. */
export const FILTER_NAMES = [
  'country',
  'area',
  'organization',
  'category',
  'relevance',
  'from',
  'to',
  'q',
] as const;

/** Reads the filters from the URL's query string (empty values left out). */
export function filterFrom(search: URLSearchParams): IncidentFilter {
  const f: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = search.get(name);
    if (value) f[name] = value;
  }
  return f as IncidentFilter;
}

const filterKey = (f: IncidentFilter) => FILTER_NAMES.map((n) => f[n] ?? '');

/**
 * Query keys of the incident screens. All start with 'incidents' so that recording or correcting
 * one refreshes lists, details, statistics and the map together.
 */
export const incidentKeys = {
  list: (f: IncidentFilter) => ['incidents', 'list', ...filterKey(f)] as const,
  one: (id: string) => ['incidents', 'one', id] as const,
  history: (id: string) => ['incidents', 'history', id] as const,
  categories: ['incidents', 'categories'] as const,
  stats: (by: string, f: StatsFilter) => ['incidents', 'stats', by, ...filterKey(f)] as const,
  personnelAffected: (q: ReportRange) =>
    ['incidents', 'personnel-affected', q.from ?? '', q.to ?? '', q.country ?? ''] as const,
  map: (f: StatsFilter) => ['incidents', 'map', ...filterKey(f)] as const,
  cases: ['incidents', 'registry'] as const,
  lists: ['incidents', 'distribution-lists'] as const,
};

/** A page size that keeps one answer small on a slow link. */
export const PAGE_SIZE = 50;

/** Incidents newest first, one keyset page at a time ("Load more" fetches the next). */
export const useIncidentPages = (f: IncidentFilter) =>
  useInfiniteQuery({
    queryKey: incidentKeys.list(f),
    queryFn: ({ signal, pageParam }) =>
      api.get<IncidentPage>('/incidents', { ...f, limit: PAGE_SIZE, after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });

export const useIncident = (id: string) =>
  useQuery({
    queryKey: incidentKeys.one(id),
    queryFn: ({ signal }) => api.get<Incident>(`/incidents/${id}`, undefined, signal),
    enabled: Boolean(id),
  });

export const useIncidentHistory = (id: string) =>
  useQuery({
    queryKey: incidentKeys.history(id),
    queryFn: ({ signal }) => api.get<Revision[]>(`/incidents/${id}/history`, undefined, signal),
  });

/** The taxonomy changes with a release, not during a session. */
export const useIncidentCategories = () =>
  useQuery({
    queryKey: incidentKeys.categories,
    queryFn: ({ signal }) => api.get<IncidentCategory[]>('/incidents/categories', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useSeriousCrimeCases = () =>
  useQuery({
    queryKey: incidentKeys.cases,
    queryFn: ({ signal }) => api.get<SeriousCrimeCase[]>('/incidents/registry', undefined, signal),
  });

export const useDistributionLists = () =>
  useQuery({
    queryKey: incidentKeys.lists,
    queryFn: ({ signal }) => api.get<DistributionList[]>('/incidents/distribution-lists', undefined, signal),
  });

/** Incidents and people affected per group, with rates where headcounts are known. */
export const useIncidentStats = (by: readonly StatDimension[], f: StatsFilter) =>
  useQuery({
    queryKey: incidentKeys.stats(by.join(','), f),
    queryFn: ({ signal }) => api.get<StatsRow[]>('/incidents/stats', { by: by.join(','), ...f }, signal),
    placeholderData: (previous) => previous,
  });

/** Years (and optionally a country) of the Secretary-General's personnel-affected table. */
export interface ReportRange {
  from?: number;
  to?: number;
  country?: string;
}

export const usePersonnelAffected = (q: ReportRange) =>
  useQuery({
    queryKey: incidentKeys.personnelAffected(q),
    queryFn: ({ signal }) =>
      api.get<PersonnelAffectedReport>('/incidents/reports/personnel-affected', { ...q }, signal),
    placeholderData: (previous) => previous,
  });

/** The part of the map in view, for server clusters sized to it. */
export interface MapView {
  bbox: string;
  zoom: number;
}

/** Located incidents as GeoJSON points, or grid clusters when there are too many to send. */
export const useIncidentMap = (f: StatsFilter, view: MapView | null) =>
  useQuery({
    queryKey: [...incidentKeys.map(f), view?.bbox ?? '', view?.zoom ?? 2],
    queryFn: ({ signal }) =>
      api.get<IncidentMap>('/incidents/map', { ...f, zoom: view?.zoom ?? 2, bbox: view?.bbox }, signal),
    placeholderData: (previous) => previous,
  });

/** After any incident write: lists, details, statistics and the map may all have changed. */
export const refreshIncidents = (client: QueryClient) =>
  client.invalidateQueries({ queryKey: ['incidents'], predicate: (q) => q.queryKey[1] !== 'categories' });
