import type { Session } from '@kintsugi/core';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from '../api/client';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** `signedOut` is true after the user chose to sign out, so no return address is kept. */
  | { status: 'signed-out'; needsSetup: boolean; signedOut?: boolean }
  | { status: 'signed-in'; session: Session };

interface SessionContextValue {
  state: SessionState;
  /** Stores a session returned by sign-in or set-up. */
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadSessionState(): Promise<SessionState> {
  try {
    const session = await api.get<Session>('/api/v1/session');
    return { status: 'signed-in', session };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) {
      return { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }
  try {
    const setup = await api.get<{ needsSetup: boolean }>('/api/v1/setup');
    return { status: 'signed-out', needsSetup: setup.needsSetup };
  } catch (error) {
    return { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void attempt; // re-run on retry
    loadSessionState().then((next) => {
      if (!cancelled) setState(next);
    });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    setCsrfToken(state.status === 'signed-in' ? state.session.csrfToken : null);
  }, [state]);

  useEffect(() => {
    setUnauthorizedHandler(() => setState({ status: 'signed-out', needsSetup: false }));
    return () => setUnauthorizedHandler(null);
  }, []);

  const signedIn = useCallback((session: Session) => {
    // Set the token now, not after the next render, so the very next request carries it.
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.delete('/api/v1/session');
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out', needsSetup: false, signedOut: true });
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signedIn, signOut, retry }), [state, signedIn, signOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext must be used inside <SessionProvider>.');
  return value;
}

/** The signed-in session; only call from pages rendered behind the sign-in gate. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== 'signed-in') throw new Error('useSession needs a signed-in session.');
  return state.session;
}
