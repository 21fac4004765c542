import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Briefing, ClearanceRule, TravelPage, TravelRequest, WhoAnswer, WhoQuery } from './travel-types';

/** Query keys of the travel screens; all start with 'travel' so one decision refreshes them all. */
export const travelKeys = {
  mine: (personId: string) => ['travel', 'list', 'person', personId] as const,
  one: (id: string) => ['travel', 'one', id] as const,
  briefing: (id: string) => ['travel', 'briefing', id] as const,
  queue: ['travel', 'queue'] as const,
  rules: (country: string) => ['travel', 'rules', country] as const,
  who: (q: WhoQuery) =>
    [
      'travel',
      'who',
      q.area ?? '',
      q.country ?? '',
      q.near ?? '',
      q.at ?? '',
      q.organization ?? '',
      q.recruitment ?? '',
      q.kind ?? '',
    ] as const,
};

/** Lists may come as `{items, next}` or as a bare array while the API settles. */
const itemsOf = (answer: TravelPage | TravelRequest[]) => (Array.isArray(answer) ? answer : answer.items);

export const useMyTravel = (personId: string | undefined) =>
  useQuery({
    queryKey: travelKeys.mine(personId ?? ''),
    queryFn: async ({ signal }) =>
      itemsOf(await api.get<TravelPage | TravelRequest[]>('/travel/requests', { person: personId }, signal)),
    enabled: Boolean(personId),
  });

export const useTravelRequest = (id: string) =>
  useQuery({
    queryKey: travelKeys.one(id),
    queryFn: ({ signal }) => api.get<TravelRequest>(`/travel/requests/${id}`, undefined, signal),
  });

export const useBriefing = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: travelKeys.briefing(id),
    queryFn: ({ signal }) => api.get<Briefing>(`/travel/requests/${id}/briefing`, undefined, signal),
    enabled,
  });

export const useQueue = () =>
  useQuery({
    queryKey: travelKeys.queue,
    queryFn: async ({ signal }) =>
      itemsOf(await api.get<TravelPage | TravelRequest[]>('/travel/queue', undefined, signal)),
  });

export const useClearanceRules = (country: string) =>
  useQuery({
    queryKey: travelKeys.rules(country),
    queryFn: async ({ signal }) => {
      const answer = await api.get<ClearanceRule[] | { items: ClearanceRule[] }>(
        '/travel/clearance-rules',
        { country },
        signal,
      );
      return Array.isArray(answer) ? answer : answer.items;
    },
    enabled: Boolean(country),
  });

export const WHO_PAGE = 100;

/** Who is where: totals with the first page, then keyset pages of people. */
export const useWho = (q: WhoQuery, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: travelKeys.who(q),
    queryFn: ({ signal, pageParam }) =>
      api.get<WhoAnswer>('/who', { ...q, limit: WHO_PAGE, after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled,
  });

export const refreshTravel = (client: QueryClient) => client.invalidateQueries({ queryKey: ['travel'] });
