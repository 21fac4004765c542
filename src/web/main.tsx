import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ProblemError } from './api/client';
import { App } from './app';
import { endSession } from './auth/session';
import './styles/base.css';
import './styles/forms.css';
import './styles/shell.css';
import './styles/tables.css';

const isUnauthenticated = (error: unknown) => error instanceof ProblemError && error.status === 401;

const client: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (isUnauthenticated(error) && query.queryKey[0] !== 'me') endSession(client);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      // A failed sign-in is a 401 too; only other requests mean the session is gone.
      const isLogin = mutation.options.mutationKey?.[0] === 'login';
      if (isUnauthenticated(error) && !isLogin) endSession(client);
    },
  }),
  defaultOptions: {
    queries: {
      // Client errors (403, 404, 422) will not get better by asking again; network and 5xx may.
      retry: (count, error) =>
        !(error instanceof ProblemError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
