import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Area, Country, Me, Organization, Premises, RoleInfo, Station, User } from './types';

/**
 * Query keys and the reference-data queries several screens share. Keys start with the
 * resource name so that a mutation can invalidate everything about one resource at once.
 */
export const keys = {
  me: ['me'] as const,
  organizations: ['organizations'] as const,
  countries: ['countries'] as const,
  areas: (country?: string) => ['areas', country ?? ''] as const,
  stations: (country?: string, area?: string) => ['stations', country ?? '', area ?? ''] as const,
  premises: (country?: string, organization?: string) =>
    ['premises', country ?? '', organization ?? ''] as const,
  users: (organization?: string) => ['users', organization ?? ''] as const,
  roles: ['roles'] as const,
  tokens: ['tokens'] as const,
  audit: (entityType?: string, limit?: number) => ['audit', entityType ?? '', limit ?? 0] as const,
  geo: ['geo'] as const,
};

/** Reference data changes rarely; a minute of freshness saves round trips on slow links. */
const REFERENCE = { staleTime: 60_000 };

export const useOrganizations = (enabled = true) =>
  useQuery({
    queryKey: keys.organizations,
    queryFn: ({ signal }) => api.get<Organization[]>('/organizations', undefined, signal),
    enabled,
    ...REFERENCE,
  });

export const useCountries = (enabled = true) =>
  useQuery({
    queryKey: keys.countries,
    queryFn: ({ signal }) => api.get<Country[]>('/countries', undefined, signal),
    enabled,
    ...REFERENCE,
  });

export const useAreas = (country: string | undefined, enabled = true) =>
  useQuery({
    queryKey: keys.areas(country),
    queryFn: ({ signal }) => api.get<Area[]>('/areas', { country }, signal),
    enabled,
    ...REFERENCE,
  });

export const useStations = (country?: string, area?: string, enabled = true) =>
  useQuery({
    queryKey: keys.stations(country, area),
    queryFn: ({ signal }) => api.get<Station[]>('/stations', { country, area }, signal),
    enabled,
    ...REFERENCE,
  });

export const usePremises = (country?: string, organization?: string) =>
  useQuery({
    queryKey: keys.premises(country, organization),
    queryFn: ({ signal }) => api.get<Premises[]>('/premises', { country, organization }, signal),
  });

export const useUsers = (organization?: string) =>
  useQuery({
    queryKey: keys.users(organization),
    queryFn: ({ signal }) => api.get<User[]>('/users', { organization }, signal),
  });

export const useRoles = () =>
  useQuery({
    queryKey: keys.roles,
    queryFn: ({ signal }) => api.get<RoleInfo[]>('/roles', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const fetchMe = (signal?: AbortSignal) => api.get<Me>('/auth/me', undefined, signal);
