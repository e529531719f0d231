import type { PulseInvitation } from '@kintsugi/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { BlindToken } from '../../ballot/blind-signature';
import { fetchPulseInvitation, loadPulseState, requestPulseSignature, savePulseState } from './pulse-api';

export type PulseFlow =
  | { step: 'no-link' }
  | { step: 'loading' }
  /** `retry` when the server could not be reached (the link itself may be fine). */
  | { step: 'error'; message: string; retry: boolean }
  | { step: 'closed'; invitation: PulseInvitation }
  /** The link already took its token, on another device or browser. */
  | { step: 'used'; invitation: PulseInvitation }
  | { step: 'write'; invitation: PulseInvitation }
  /** `already`: this browser had answered before (a reload, or a second try of a spent token). */
  | { step: 'thanks'; invitation: PulseInvitation; already: boolean };

export const INVALID_LINK =
  'This link does not work. It may be incomplete, or it belongs to an older pulse: use the link from the most recent email.';

/** The link's secret lives in the fragment (#…), which browsers never send to the server. */
export function linkFromHash(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    return hash.replace(/^#/, '').trim();
  }
}

/** Why obtaining a token or sending failed, in the terms the page acts on. */
export function tokenFailure(error: unknown): 'used' | 'closed' | 'invalid' | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 409) return error.code === 'round_closed' ? 'closed' : 'used';
  if (error.status === 404 || error.status === 400) return 'invalid';
  return null;
}

/**
 * Opens a pulse link: reads the invitation and at once, in the background, obtains the anonymous token, so
 * that obtaining it and sending the answers are far apart in time (see ARCHITECTURE.md, network timing).
 * The token is kept in this browser until the answers are in, so a reload does not waste the link.
 */
export function usePulseFlow(link: string) {
  const [flow, setFlow] = useState<PulseFlow>(link ? { step: 'loading' } : { step: 'no-link' });
  const [attempt, setAttempt] = useState(0);
  const tokenRef = useRef<Promise<BlindToken> | null>(null);

  const ensureToken = useCallback(
    (invitation: PulseInvitation): Promise<BlindToken> => {
      if (tokenRef.current) return tokenRef.current;
      const pending = (async () => {
        // Loaded only here: leaders and facilitators never download the blind-signature code.
        const { obtainBlindToken } = await import('../../ballot/blind-signature');
        const token = await obtainBlindToken(invitation.publicKey, (blinded) =>
          requestPulseSignature(link, blinded),
        );
        savePulseState(invitation.pulseId, { state: 'token', token });
        return token;
      })();
      tokenRef.current = pending;
      // A failed attempt is forgotten, so that sending tries again.
      pending.catch(() => {
        if (tokenRef.current === pending) tokenRef.current = null;
      });
      return pending;
    },
    [link],
  );

  useEffect(() => {
    if (!link) return;
    let cancelled = false;
    void attempt;
    setFlow({ step: 'loading' });
    fetchPulseInvitation(link)
      .then((invitation) => {
        if (cancelled) return;
        const stored = loadPulseState(invitation.pulseId);
        if (stored?.state === 'answered') return setFlow({ step: 'thanks', invitation, already: true });
        if (invitation.status === 'closed') return setFlow({ step: 'closed', invitation });
        if (stored?.state === 'token') tokenRef.current ??= Promise.resolve(stored.token);
        // A token this page already holds, or is still fetching, counts as this browser's own.
        if (invitation.tokenIssued && !tokenRef.current) return setFlow({ step: 'used', invitation });
        setFlow({ step: 'write', invitation });
        ensureToken(invitation).catch((error: unknown) => {
          if (cancelled) return;
          // Other failures (the network) are retried when the person sends.
          const failure = tokenFailure(error);
          if (failure === 'used') setFlow({ step: 'used', invitation });
          if (failure === 'closed') setFlow({ step: 'closed', invitation });
        });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (tokenFailure(error) === 'invalid')
          return setFlow({ step: 'error', message: INVALID_LINK, retry: false });
        setFlow({ step: 'error', message: errorMessage(error), retry: true });
      });
    return () => {
      cancelled = true;
    };
  }, [link, attempt, ensureToken]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const finish = useCallback((invitation: PulseInvitation, already: boolean) => {
    savePulseState(invitation.pulseId, { state: 'answered' });
    tokenRef.current = null;
    setFlow({ step: 'thanks', invitation, already });
  }, []);

  /** The stored token was refused: forget it, so the page does not offer it again. */
  const dropToken = useCallback((invitation: PulseInvitation) => {
    savePulseState(invitation.pulseId, null);
    tokenRef.current = null;
  }, []);

  return { flow, setFlow, retry, ensureToken, finish, dropToken };
}
