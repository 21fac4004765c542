import { type QueryClient, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type {
  Board,
  BoardLogEntry,
  MarkAnswer,
  RollCallStarted,
  RollCallSummary,
  StartRollCall,
  ZoneOption,
} from './rollcall-types';
import type { WhoAnswer } from './travel-types';

/** Query keys of the roll-call screens; all start with 'rollcall' so one write refreshes them all. */
export const rollCallKeys = {
  all: ['rollcall'] as const,
  list: (status: string) => ['rollcall', 'list', status] as const,
  board: (id: string) => ['rollcall', 'board', id] as const,
};

/** How often the live board and the list ask again. */
export const REFRESH_MS = 5_000;
/** Non-responders per page on the board: a phone on a slow link gets the first fifty. */
export const NON_RESPONDERS_PAGE = 50;

export const useRollCalls = (status?: 'open' | 'closed') =>
  useQuery({
    queryKey: rollCallKeys.list(status ?? ''),
    queryFn: ({ signal }) => api.get<RollCallSummary[]>('/rollcalls', { status, limit: 100 }, signal),
    refetchInterval: REFRESH_MS,
  });

/**
 * The live board, paged by its non-responders: the first page carries everything, later pages
 * (`after`) add non-responders. Every page is asked again every five seconds.
 */
export const useBoard = (id: string) =>
  useInfiniteQuery({
    queryKey: rollCallKeys.board(id),
    queryFn: ({ signal, pageParam }) =>
      api.get<Board>(`/rollcalls/${id}`, { after: pageParam, limit: NON_RESPONDERS_PAGE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nonRespondersNext ?? undefined,
    refetchInterval: REFRESH_MS,
  });

export const refreshRollCalls = (client: QueryClient) =>
  client.invalidateQueries({ queryKey: rollCallKeys.all });

export const useStartRollCall = () =>
  useMutation({
    mutationFn: (body: StartRollCall) => api.post<RollCallStarted>('/rollcalls', body),
  });

export const useMarkAnswer = (id: string) =>
  useMutation({
    mutationFn: ({ personId, ...body }: MarkAnswer & { personId: string }) =>
      api.post<{ personId: string; answer: string; answeredAt: string }>(
        `/rollcalls/${id}/people/${personId}/answer`,
        body,
      ),
  });

export const useLogDecision = (id: string) =>
  useMutation({
    mutationFn: (text: string) => api.post<BoardLogEntry>(`/rollcalls/${id}/log`, { text }),
  });

export const useCloseRollCall = (id: string) =>
  useMutation({ mutationFn: () => api.post<Board>(`/rollcalls/${id}/close`) });

/** Warden zones of a country, for starting a roll call by zone. */
export const useZones = (country: string) =>
  useQuery({
    queryKey: ['rollcall', 'zones', country] as const,
    queryFn: async ({ signal }) =>
      (await api.get<{ items: ZoneOption[] }>('/wardens/zones', { country }, signal)).items,
    enabled: Boolean(country),
    staleTime: 60_000,
  });

/** How many people an area's roll call would ask: who is there now, dependants included. */
export const usePeopleInArea = (area: string, enabled: boolean) =>
  useQuery({
    queryKey: ['rollcall', 'who', area] as const,
    queryFn: async ({ signal }) =>
      (await api.get<WhoAnswer>('/who', { area, include: 'dependants', limit: 1 }, signal)).totals,
    enabled: enabled && Boolean(area),
    retry: false,
  });
