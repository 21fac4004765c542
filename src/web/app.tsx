import { MeProvider, sessionEnded, useSession } from './auth/session';
import SignInScreen from './auth/sign-in-screen';
import { AppShell } from './shell/app-shell';
import { ErrorState, Loading } from './ui/states';

/** Decides between the sign-in screen and the app, from the session query. */
export function App() {
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
