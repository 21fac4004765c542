import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { InboxPage, UnreadCount } from './inbox-types';

/** The unread count is polled once a minute: cheap (one indexed count, capped at 100). */
export const UNREAD_POLL_MS = 60_000;
const PAGE = 20;

export function useUnreadCount() {
  return useQuery({
    queryKey: ['inbox', 'unread'],
    queryFn: ({ signal }) => api.get<UnreadCount>('/me/notifications/unread-count', undefined, signal),
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
  });
}

/** The user's messages, newest first, keyset pages of 20. */
export function useInbox(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: ['inbox', 'list', unreadOnly],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<InboxPage>(
        '/me/notifications',
        { before: pageParam, limit: PAGE, unread: unreadOnly ? 'true' : undefined },
        signal,
      ),
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: UNREAD_POLL_MS,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<UnreadCount>(`/me/notifications/${id}/read`),
    onSuccess: (count) => {
      client.setQueryData(['inbox', 'unread'], count);
      void client.invalidateQueries({ queryKey: ['inbox', 'list'] });
    },
  });
}
