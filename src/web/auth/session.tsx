import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { api, ProblemError } from '../api/client';
import { fetchMe, keys } from '../api/queries';
import type { Me, Permission } from '../api/types';
import { navigate } from '../router/router';

const MeContext = createContext<Me | null>(null);

/** Set when a request was refused for want of a session, so sign-in can say why it is shown. */
export const sessionEnded = { value: false };

/** Any 401 outside sign-in means the session expired or was revoked: show the sign-in screen. */
export function endSession(client: QueryClient): void {
  if (client.getQueryData(keys.me)) sessionEnded.value = true;
  forgetSession(client);
}

/**
 * Shows the sign-in screen and drops every cached answer, so that the next person to sign in
 * on this browser never sees the previous one's data. The session query itself is kept: its
 * observer is what switches to the sign-in screen.
 */
export function forgetSession(client: QueryClient): void {
  client.setQueryData(keys.me, null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
}

/**
 * The signed-in user, or null when there is no session. A 401 is an answer here (not an error):
 * it means "show the sign-in screen".
 */
export function useSession() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async ({ signal }) => {
      try {
        return await fetchMe(signal);
      } catch (error) {
        if (error instanceof ProblemError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: (count, error) => !(error instanceof ProblemError && error.status > 0) && count < 2,
  });
}

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The signed-in user; only used below MeProvider, where a session is guaranteed. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in session');
  return me;
}

/** Whether the user holds a permission anywhere. Drives what is shown; the server still decides. */
export function useCan(): (...anyOf: Permission[]) => boolean {
  const me = useMe();
  return (...anyOf) => anyOf.some((p) => me.permissions.includes(p));
}

/** Signs out on the server, forgets every cached answer and returns to the sign-in screen. */
export function useSignOut(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    try {
      await api.post<void>('/auth/logout');
    } finally {
      sessionEnded.value = false;
      forgetSession(client);
      navigate('/');
    }
  };
}
