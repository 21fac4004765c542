import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { PeopleListQuery, Person, PersonPage, TrainingCourse, TrainingReport } from './people-types';

/** Query keys of the people screens; all start with 'people' so one write refreshes them all. */
export const peopleKeys = {
  me: ['people', 'me'] as const,
  list: (f: PeopleListQuery) =>
    [
      'people',
      'list',
      f.organization ?? '',
      f.station ?? '',
      f.country ?? '',
      f.kind ?? '',
      f.q ?? '',
    ] as const,
  one: (id: string) => ['people', 'one', id] as const,
  courses: ['people', 'courses'] as const,
  report: (organization: string, course: string) => ['people', 'report', organization, course] as const,
};

export const PEOPLE_PAGE = 50;

/** The signed-in person's own profile (404 when no profile is linked to the sign-in). */
export const useMyProfile = () =>
  useQuery({
    queryKey: peopleKeys.me,
    queryFn: ({ signal }) => api.get<Person>('/people/me', undefined, signal),
    retry: false,
  });

export const usePeoplePages = (f: PeopleListQuery) =>
  useInfiniteQuery({
    queryKey: peopleKeys.list(f),
    queryFn: ({ signal, pageParam }) =>
      api.get<PersonPage>('/people', { ...f, limit: PEOPLE_PAGE, after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });

export const usePerson = (id: string) =>
  useQuery({
    queryKey: peopleKeys.one(id),
    queryFn: ({ signal }) => api.get<Person>(`/people/${id}`, undefined, signal),
  });

export const useCourses = () =>
  useQuery({
    queryKey: peopleKeys.courses,
    queryFn: ({ signal }) => api.get<TrainingCourse[]>('/training/courses', undefined, signal),
    staleTime: 60_000,
  });

/** The training status of an organization's people: a summary per course and keyset pages of people. */
export const useTrainingReport = (organization: string, course: string, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: peopleKeys.report(organization, course),
    queryFn: ({ signal, pageParam }) =>
      api.get<TrainingReport>('/training/report', { organization, course, after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled,
  });

export const refreshPeople = (client: QueryClient) => client.invalidateQueries({ queryKey: ['people'] });
