/**
 * Warden zones from the web app: types inferred from the server's zod schemas (type-only imports,
 * erased at build time) and the queries and mutations of the warden screens.
 */
import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type * as s from '../../modules/wardens/wardens.schema';
import { api } from '../api/client';

export type ZoneSummary = z.infer<typeof s.zoneSummary>;
export type ZoneDetail = z.infer<typeof s.zoneDetail>;
export type Warden = z.infer<typeof s.wardenOut>;
export type Member = z.infer<typeof s.member>;
export type MembersPage = z.infer<typeof s.membersPage>;
export type MyZones = z.infer<typeof s.myZones>;
export type Coverage = z.infer<typeof s.coverage>;
export type CreateZone = z.input<typeof s.createZone>;
export type UpdateZone = z.input<typeof s.updateZone>;
export type AppointWarden = z.input<typeof s.appointWarden>;

export const wardenKeys = {
  all: ['wardens'] as const,
  zones: (country: string) => ['wardens', 'zones', country] as const,
  zone: (id: string) => ['wardens', 'zone', id] as const,
  members: (id: string, q: string) => ['wardens', 'members', id, q] as const,
  me: ['wardens', 'me'] as const,
  coverage: (country: string) => ['wardens', 'coverage', country] as const,
};

export const refreshWardens = (client: QueryClient) => client.invalidateQueries({ queryKey: wardenKeys.all });

export const useZones = (country: string) =>
  useQuery({
    queryKey: wardenKeys.zones(country),
    queryFn: ({ signal }) =>
      api.get<{ items: ZoneSummary[] }>('/wardens/zones', { country: country || undefined }, signal),
  });

export const useZone = (id: string) =>
  useQuery({
    queryKey: wardenKeys.zone(id),
    queryFn: ({ signal }) => api.get<ZoneDetail>(`/wardens/zones/${id}`, undefined, signal),
  });

export const MEMBERS_PAGE = 50;

export const useMembers = (id: string, q: string) =>
  useInfiniteQuery({
    queryKey: wardenKeys.members(id, q),
    queryFn: ({ signal, pageParam }) =>
      api.get<MembersPage>(
        `/wardens/zones/${id}/members`,
        { limit: MEMBERS_PAGE, cursor: pageParam, q: q || undefined },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useMyZones = () =>
  useQuery({
    queryKey: wardenKeys.me,
    queryFn: ({ signal }) => api.get<MyZones>('/wardens/me', undefined, signal),
  });

export const useCoverage = (country: string) =>
  useQuery({
    queryKey: wardenKeys.coverage(country),
    queryFn: ({ signal }) => api.get<Coverage>('/wardens/coverage', { country }, signal),
    enabled: country.length === 3,
  });

/** A mutation that refreshes every warden query when it succeeds. */
function useWardenMutation<T, R>(fn: (body: T) => Promise<R>, onDone?: (r: R) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      void refreshWardens(client);
      onDone?.(r);
    },
  });
}

export const useCreateZone = (onDone: (z: ZoneDetail) => void) =>
  useWardenMutation((body: CreateZone) => api.post<ZoneDetail>('/wardens/zones', body), onDone);

export const useUpdateZone = (id: string, onDone?: () => void) =>
  useWardenMutation((body: UpdateZone) => api.patch<ZoneDetail>(`/wardens/zones/${id}`, body), onDone);

export const useArchiveZone = (id: string) =>
  useWardenMutation((version: number) => api.post<ZoneDetail>(`/wardens/zones/${id}/archive`, { version }));

export const useAppointWarden = (id: string, onDone?: () => void) =>
  useWardenMutation((body: AppointWarden) => api.post<Warden>(`/wardens/zones/${id}/wardens`, body), onDone);

export const useRemoveWarden = (id: string) =>
  useWardenMutation((userId: string) => api.delete(`/wardens/zones/${id}/wardens/${userId}`));

export const useAssignPerson = (id: string, onDone?: () => void) =>
  useWardenMutation(
    (personId: string) => api.post<{ personId: string }>(`/wardens/zones/${id}/assignments`, { personId }),
    onDone,
  );

export const useUnassignPerson = (id: string) =>
  useWardenMutation((personId: string) => api.delete(`/wardens/zones/${id}/assignments/${personId}`));

export const BASIS_LABELS: Record<Member['basis'], string> = {
  assigned: 'Assigned',
  sponsor_assigned: "Sponsor's assignment",
  station: 'Duty station',
  residence_area: 'Residence area',
  polygon: 'Within the zone',
};
