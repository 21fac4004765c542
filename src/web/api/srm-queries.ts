import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type {
  DashboardRow,
  FoundMeasure,
  LibraryMeasure,
  MeasureKind,
  MeasureStatus,
  SrmDetail,
} from './srm-types';

export interface DashboardFilter {
  region?: string;
  country?: string;
}

export interface MeasureFilter {
  q?: string;
  kind?: MeasureKind | '';
  status?: MeasureStatus | '';
  category?: string;
}

/**
 * Query keys of the SRM screens. All start with 'srm' so that any write refreshes the dashboard,
 * the measure search and the detail together: a measure's status changes every one of them.
 */
export const srmKeys = {
  dashboard: (f: DashboardFilter) => ['srm', 'dashboard', f.region ?? '', f.country ?? ''] as const,
  one: (id: string) => ['srm', 'one', id] as const,
  library: ['srm', 'library'] as const,
  measures: (f: MeasureFilter) =>
    ['srm', 'measures', f.q ?? '', f.kind ?? '', f.status ?? '', f.category ?? ''] as const,
};

export const useSrmDashboard = (f: DashboardFilter) =>
  useQuery({
    queryKey: srmKeys.dashboard(f),
    queryFn: ({ signal }) =>
      api.get<DashboardRow[]>('/srm/dashboard', { region: f.region, country: f.country }, signal),
  });

export const useSrm = (id: string) =>
  useQuery({
    queryKey: srmKeys.one(id),
    queryFn: ({ signal }) => api.get<SrmDetail>(`/srm/${id}`, undefined, signal),
    enabled: Boolean(id),
  });

/** The standard measures change with a release, not during a session. */
export const useMeasureLibrary = (enabled = true) =>
  useQuery({
    queryKey: srmKeys.library,
    queryFn: ({ signal }) => api.get<LibraryMeasure[]>('/srm/library', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });

export const useMeasureSearch = (f: MeasureFilter) =>
  useQuery({
    queryKey: srmKeys.measures(f),
    queryFn: ({ signal }) =>
      api.get<FoundMeasure[]>(
        '/srm/measures',
        { q: f.q, kind: f.kind, status: f.status, category: f.category },
        signal,
      ),
    // Typing in the search box should not blank the table between answers.
    placeholderData: (previous) => previous,
  });

/** After any SRM write: the detail, the dashboard and the measure search may all have changed. */
export const refreshSrm = (client: QueryClient) =>
  client.invalidateQueries({ queryKey: ['srm'], predicate: (q) => q.queryKey[1] !== 'library' });
