import type { Session } from '@kintsugi/core';
import { type ReactNode, Suspense, useEffect } from 'react';
import { AppLayout, PublicLayout } from './components/layout';
import { Loading } from './components/loading';
import {
  AnswerPage,
  CoachPage,
  NewRepairPage,
  OverviewPage,
  PulsePage,
  RecoveryPage,
  RepairPage,
  TeamSpacePage,
} from './lazy-pages';
import { AccountPage } from './pages/account-page';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { OrganizationPage } from './pages/organization-page';
import { PeoplePage } from './pages/people-page';
import { RepairsPage } from './pages/repairs/repairs-page';
import { SetupPage } from './pages/setup-page';
import { TeamPage } from './pages/team-page';
import { TeamsPage } from './pages/teams-page';
import { matchPath, navigate, type Route, useRoute } from './router/router';
import { SessionProvider, useSessionContext } from './session/session-context';

export function App() {
  // The answer page is public and needs no session: a team member has no account and sends no cookie.
  const { path } = useRoute();
  if (path === '/answer')
    return (
      <Suspense fallback={<Loading />}>
        <AnswerPage />
      </Suspense>
    );
  // Likewise the team space: a team member follows the repair through a personal link, with no account.
  if (path === '/team')
    return (
      <Suspense fallback={<Loading />}>
        <TeamSpacePage />
      </Suspense>
    );
  // And the pulse: answered anonymously through a personal link.
  if (path === '/pulse')
    return (
      <Suspense fallback={<Loading />}>
        <PulsePage />
      </Suspense>
    );
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

/** Only same-site paths may be used as a return address after signing in. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Replaces the current address; `focusHeading` when it follows a user action (sign in, sign out). */
function Redirect({ to, focusHeading = false }: { to: string; focusHeading?: boolean }) {
  useEffect(() => navigate(to, { replace: true, focusHeading }), [to, focusHeading]);
  return null;
}

function Shell() {
  const { state, retry } = useSessionContext();
  const route = useRoute();

  if (state.status === 'loading') {
    return (
      <PublicLayout>
        <Loading label="Loading Kintsugi…" />
      </PublicLayout>
    );
  }
  if (state.status === 'error') {
    return (
      <PublicLayout>
        <h1 className="page-heading">Kintsugi could not start</h1>
        <p role="alert">{state.message}</p>
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      </PublicLayout>
    );
  }
  if (state.status === 'signed-out') {
    return (
      <SignedOutRoutes route={route} needsSetup={state.needsSetup} signedOut={state.signedOut ?? false} />
    );
  }
  if (route.path === '/login' || route.path === '/setup') {
    return <Redirect to={safeNext(route.query.get('next'))} focusHeading />;
  }
  return (
    <AppLayout session={state.session}>
      <Suspense fallback={<Loading />}>{signedInPage(route, state.session)}</Suspense>
    </AppLayout>
  );
}

interface SignedOutRoutesProps {
  route: Route;
  needsSetup: boolean;
  signedOut: boolean;
}

function SignedOutRoutes({ route, needsSetup, signedOut }: SignedOutRoutesProps) {
  if (needsSetup) {
    return route.path === '/setup' ? (
      <PublicLayout>
        <SetupPage />
      </PublicLayout>
    ) : (
      <Redirect to="/setup" />
    );
  }
  if (route.path === '/login') {
    return (
      <PublicLayout>
        <LoginPage />
      </PublicLayout>
    );
  }
  // Remember where the visitor was heading, so signing in takes them there.
  const here = route.path + (route.query.size > 0 ? `?${route.query}` : '');
  const keepNext = !signedOut && route.path !== '/' && route.path !== '/setup';
  const to = keepNext ? `/login?next=${encodeURIComponent(here)}` : '/login';
  return <Redirect to={to} focusHeading={signedOut} />;
}

function signedInPage(route: Route, session: Session): ReactNode {
  switch (route.path) {
    case '/':
      return <HomePage />;
    case '/people':
      return <PeoplePage />;
    case '/teams':
      return <TeamsPage />;
    case '/account':
      return <AccountPage />;
    case '/organization':
      return <OrganizationPage />;
    case '/coach':
      return <CoachPage />;
    case '/repairs':
      return <RepairsPage />;
    case '/repairs/new':
      return <NewRepairPage />;
    case '/overview':
      return <OverviewPage />;
  }
  const recovery = matchPath('/repairs/:repairId/recovery', route.path);
  if (recovery?.repairId) return <RecoveryPage key={recovery.repairId} repairId={recovery.repairId} />;
  const repair = matchPath('/repairs/:repairId', route.path);
  if (repair?.repairId) return <RepairPage key={repair.repairId} repairId={repair.repairId} />;
  const team = matchPath('/teams/:teamId', route.path);
  if (team?.teamId)
    return <TeamPage key={team.teamId} teamId={team.teamId} canReadPeople={session.abilities.readPeople} />;
  return <NotFoundPage />;
}
