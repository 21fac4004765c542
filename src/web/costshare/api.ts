/**
 * Types and queries of the jointly financed apportionment screens. Types are inferred from the
 * server's schemas (src/modules/costshare/costshare.schema.ts) with type-only imports.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as s from '../../modules/costshare/costshare.schema';
import { api } from '../api/client';

export type Period = z.infer<typeof s.period>;
export type PeriodDetail = z.infer<typeof s.periodDetail>;
export type Apportionment = z.infer<typeof s.apportionment>;
export type Line = z.infer<typeof s.line>;
export type Comparison = z.infer<typeof s.comparison>;
export type Explanation = z.infer<typeof s.explanation>;
export type Scenario = z.infer<typeof s.scenario>;
export type CreatePeriod = z.input<typeof s.createPeriod>;
export type CreateScenario = z.input<typeof s.createScenario>;
export type Approve = z.input<typeof s.approve>;

/** Which figures a view shows: the current census, a scenario, or an approved version. */
export type Source = { kind: 'census' } | { kind: 'scenario'; id: string } | { kind: 'version'; no: number };

export const costshareKeys = {
  periods: ['costshare', 'periods'] as const,
  period: (id: string) => ['costshare', 'period', id] as const,
  view: (id: string, src: Source) => ['costshare', 'view', id, JSON.stringify(src)] as const,
  explanation: (id: string, src: Source, org: string) =>
    ['costshare', 'explain', id, JSON.stringify(src), org] as const,
  compare: (id: string, cols: string) => ['costshare', 'compare', id, cols] as const,
};

export const refreshCostshare = (client: QueryClient) =>
  client.invalidateQueries({ queryKey: ['costshare'] });

export const usePeriods = () =>
  useQuery({
    queryKey: costshareKeys.periods,
    queryFn: ({ signal }) => api.get<Period[]>('/costshare/periods', undefined, signal),
  });

export const usePeriod = (id: string) =>
  useQuery({
    queryKey: costshareKeys.period(id),
    queryFn: ({ signal }) => api.get<PeriodDetail>(`/costshare/periods/${id}`, undefined, signal),
  });

const viewPath = (id: string, src: Source) =>
  src.kind === 'version'
    ? `/costshare/periods/${id}/versions/${src.no}`
    : `/costshare/periods/${id}/apportionment`;

export const useApportionment = (id: string, src: Source | null) =>
  useQuery({
    queryKey: costshareKeys.view(id, src ?? { kind: 'census' }),
    queryFn: ({ signal }) =>
      api.get<Apportionment>(
        viewPath(id, src as Source),
        src?.kind === 'scenario' ? { scenario: src.id } : undefined,
        signal,
      ),
    enabled: src !== null,
  });

export const useExplanation = (id: string, src: Source, org: string | null) =>
  useQuery({
    queryKey: costshareKeys.explanation(id, src, org ?? ''),
    queryFn: ({ signal }) =>
      api.get<Explanation>(
        src.kind === 'version'
          ? `/costshare/periods/${id}/versions/${src.no}/explanations/${encodeURIComponent(org ?? '')}`
          : `/costshare/periods/${id}/explanations/${encodeURIComponent(org ?? '')}`,
        src.kind === 'scenario' ? { scenario: src.id } : undefined,
        signal,
      ),
    enabled: Boolean(org),
  });

/** `columns`: "scenario:<id>" and "version:<n>" keys; the census comes first for global readers. */
export const useComparison = (id: string, columns: string[], enabled: boolean) =>
  useQuery({
    queryKey: costshareKeys.compare(id, columns.join(',')),
    queryFn: ({ signal }) => {
      const qs = columns
        .map((c) => {
          const [kind, value] = c.split(':');
          return `${kind}=${encodeURIComponent(value ?? '')}`;
        })
        .join('&');
      return api.get<Comparison>(`/costshare/periods/${id}/compare${qs ? `?${qs}` : ''}`, undefined, signal);
    },
    enabled,
  });

/** A download link of an approved version (whole system or one organization). */
export const exportHref = (id: string, no: number, format: 'csv' | 'xlsx' | 'pdf', org?: string) =>
  `/api/costshare/periods/${id}/versions/${no}/export.${format}${org ? `?organization=${encodeURIComponent(org)}` : ''}`;
