import { ROLE_LABELS, type Session, type SessionAbilities } from '@kintsugi/core';
import { type ReactNode, useState } from 'react';
import { Link, useRoute } from '../router/router';
import { useSessionContext } from '../session/session-context';
import { Wordmark } from './wordmark';

interface NavItem {
  to: string;
  label: string;
  /** Shown only to callers the session's abilities allow (the server decides; the web never guesses). */
  ability?: keyof SessionAbilities;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Home' },
  { to: '/repairs', label: 'Repairs' },
  { to: '/overview', label: 'Overview', ability: 'readOverview' },
  { to: '/teams', label: 'Teams' },
  { to: '/people', label: 'People', ability: 'readPeople' },
  { to: '/coach', label: 'Coach' },
  { to: '/organization', label: 'Organisation', ability: 'manageOrganization' },
  { to: '/account', label: 'Account' },
];

function isCurrent(item: NavItem, path: string): boolean {
  return item.to === '/' ? path === '/' : path === item.to || path.startsWith(`${item.to}/`);
}

function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}

/** The frame around every signed-in page: header, navigation and the main landmark. */
export function AppLayout({ session, children }: { session: Session; children: ReactNode }) {
  const { path } = useRoute();
  const { signOut } = useSessionContext();
  const [signingOut, setSigningOut] = useState(false);
  const items = NAV_ITEMS.filter((item) => !item.ability || session.abilities[item.ability]);

  const handleSignOut = async () => {
    if (signingOut) return;
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // Signed out locally either way; the server session expires on its own.
    }
  };

  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className={`site-header__inner${items.length > 6 ? ' site-header__inner--crowded' : ''}`}>
          <div className="site-header__brand">
            <Link to="/" className="wordmark-link" aria-label="Kintsugi home">
              <Wordmark />
            </Link>
            <span className="site-header__org">
              {session.organization.name}
              <span className="visually-hidden">, signed in as {ROLE_LABELS[session.role]}</span>
            </span>
          </div>
          <nav aria-label="Main" className="site-nav">
            <ul className="site-nav__list">
              {items.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    className="site-nav__link"
                    aria-current={isCurrent(item, path) ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <button type="button" className="button button--quiet site-header__signout" onClick={handleSignOut}>
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>Kintsugi — mending trust, one repair at a time.</p>
      </footer>
    </>
  );
}

/** The frame for set-up and sign-in: no navigation, a narrow centred card. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="site-header site-header--public">
        <div className="site-header__inner">
          <Wordmark />
        </div>
      </header>
      <main id="main" className="site-main site-main--narrow" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
