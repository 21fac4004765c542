/**
 * Types and queries of the relocation and evacuation lists, inferred from the server's schemas
 * (src/modules/crisis/lists.schema.ts) with type-only imports.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as s from '../../modules/crisis/lists.schema';
import { api } from '../api/client';

export type ListSummary = z.infer<typeof s.listSummary>;
export type ListDetail = z.infer<typeof s.listDetail>;
export type ListRow = z.infer<typeof s.listRow>;
export type CreateList = z.input<typeof s.createList>;
export type RowStatus = ListRow['status'];
export type Totals = ListSummary['totals'];

export const crisisKeys = {
  lists: (kind: string) => ['crisis', 'lists', kind] as const,
  one: (id: string, ineligible: boolean) => ['crisis', 'list', id, ineligible] as const,
};

export const useCrisisLists = (kind: string) =>
  useQuery({
    queryKey: crisisKeys.lists(kind),
    queryFn: ({ signal }) => api.get<ListSummary[]>('/crisis/lists', { kind: kind || undefined }, signal),
  });

/** A list, re-read every 30 s so roll-call answers show as people are accounted for. */
export const useCrisisList = (id: string, ineligible: boolean) =>
  useQuery({
    queryKey: crisisKeys.one(id, ineligible),
    queryFn: ({ signal }) =>
      api.get<ListDetail>(`/crisis/lists/${id}`, { include: ineligible ? 'ineligible' : undefined }, signal),
    refetchInterval: 30_000,
  });

export const refreshCrisis = (client: QueryClient) => client.invalidateQueries({ queryKey: ['crisis'] });

export const STATUS_LABELS: Record<RowStatus, string> = {
  listed: 'Listed',
  confirmed: 'Confirmed',
  moved: 'Moved',
  declined: 'Declined',
  unreachable: 'Cannot reach',
};

/** The steps a row may take next (mirrors the server's rules; the server decides). */
export const NEXT_STATUSES: Record<RowStatus, RowStatus[]> = {
  listed: ['confirmed', 'declined', 'unreachable', 'moved'],
  confirmed: ['moved', 'declined', 'unreachable', 'listed'],
  declined: ['confirmed', 'listed', 'unreachable'],
  unreachable: ['confirmed', 'declined', 'listed'],
  moved: [],
};

export const ROLL_CALL_LABELS: Record<ListRow['rollCall']['state'], string> = {
  safe: 'Safe',
  need_help: 'Needs help',
  pending: 'No answer yet',
  not_asked: 'Not asked',
};

export const KIND_LABELS = { relocation: 'Relocation', evacuation: 'Evacuation' } as const;
