import { lazy, Suspense } from 'react';
import { MeProvider, sessionEnded, useSession } from './auth/session';
import SignInScreen from './auth/sign-in-screen';
import { useLocation } from './router/router';
import { AppShell } from './shell/app-shell';
import { ErrorBoundary } from './ui/error-boundary';
import { ErrorState, Loading } from './ui/states';

/** The one-tap roll-call answer page: opened from a message's link, with no session. */
const RollCallAnswerPage = lazy(() => import('./rollcall/answer-page'));

/** Public pages first (no session asked for), then the sign-in screen or the app. */
export function App() {
  const { path } = useLocation();
  const answer = /^\/r\/([^/]+)\/?$/.exec(path);
  if (answer) {
    return (
      <ErrorBoundary>
        <Suspense fallback={<Loading label="Opening…" />}>
          <RollCallAnswerPage token={decodeURIComponent(answer[1] ?? '')} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  return <SignedInApp />;
}

/** Decides between the sign-in screen and the app, from the session query. */
function SignedInApp() {
  const session = useSession();
  if (session.isPending) return <Loading label="Starting OpenSMIN…" />;
  if (session.isError) {
    return (
      <main className="content" id="main">
        <ErrorState error={session.error} onRetry={() => session.refetch()} />
      </main>
    );
  }
  if (!session.data) return <SignInScreen expired={sessionEnded.value} />;
  return (
    <MeProvider me={session.data}>
      <AppShell />
    </MeProvider>
  );
}
