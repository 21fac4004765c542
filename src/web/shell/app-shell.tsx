import { Suspense, useState } from 'react';
import { useCan } from '../auth/session';
import { Link, matchPath, useLocation } from '../router/router';
import { ErrorBoundary } from '../ui/error-boundary';
import { Loading } from '../ui/states';
import { ROUTES } from './routes';
import { UserBox } from './user-box';

/** Header, navigation (only what the user's permissions allow) and the current screen. */
export function AppShell() {
  const { path } = useLocation();
  const can = useCan();
  const [menuOpen, setMenuOpen] = useState(false);
  const allowed = ROUTES.filter((r) => r.anyOf.length === 0 || can(...r.anyOf));
  const nav = allowed.filter((r) => r.label);
  const found = allowed.map((r) => ({ route: r, params: matchPath(r.path, path) })).find((m) => m.params);
  const exists = ROUTES.some((r) => matchPath(r.path, path));
  const within = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  // The most specific entry is current: "Record incident" on /incidents/new, not "Incidents" too.
  const current = nav
    .map((r) => r.path)
    .filter(within)
    .sort((a, b) => b.length - a.length)[0];
  const isCurrent = (to: string) => to === current;
  const Screen = found?.route.screen;

  return (
    <div className={`shell${path === '/' ? ' shell-map' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          OpenSMIN
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
        <nav id="main-nav" aria-label="Main" className={menuOpen ? 'open' : ''}>
          <ul className="nav-list">
            {nav.map((r) => (
              <li key={r.path}>
                <Link
                  to={r.path}
                  aria-current={isCurrent(r.path) ? 'page' : undefined}
                  onClick={() => setMenuOpen(false)}
                >
                  {r.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <UserBox />
      </header>
      <main id="main" className="content">
        <ErrorBoundary key={path}>
          <Suspense fallback={<Loading label="Loading screen…" />}>
            {Screen && found?.params ? (
              <Screen params={found.params} />
            ) : (
              <div className="panel">
                <h1>{exists ? 'Not allowed' : 'Page not found'}</h1>
                <p>
                  {exists
                    ? 'Your roles do not give access to this screen.'
                    : 'There is no screen at this address.'}{' '}
                  <Link to={nav[0]?.path ?? '/tokens'}>Go to the start page</Link>.
                </p>
              </div>
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
