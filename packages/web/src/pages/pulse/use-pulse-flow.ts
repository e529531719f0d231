import type { PulseInvitation } from '@kintsugi/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { adoptToken, checkSaved, type SubmissionState, unsentAnswers } from '../../ballot/send-ballot';
import { isStoredNow, usePendingCheck } from '../../ballot/use-pending-check';
import {
  fetchPulseInvitation,
  hasAnswered,
  legacyToken,
  type PulseAnswers,
  pulseSender,
  rememberAnswered,
} from './pulse-api';

export type PulseFlow =
  | { step: 'no-link' }
  | { step: 'loading' }
  /** `retry` when the server could not be reached (the link itself may be fine). */
  | { step: 'error'; message: string; retry: boolean }
  | { step: 'closed'; invitation: PulseInvitation }
  /** The link (or another link of this person) already took its token, and this browser holds nothing of it. */
  | { step: 'used'; invitation: PulseInvitation }
  /** `draft`: answers kept from a send that did not finish, put back into the form. */
  | { step: 'write'; invitation: PulseInvitation; draft: PulseAnswers | null }
  /** `already`: answered before this visit (a reload, or coming back through the link). */
  | { step: 'answered'; invitation: PulseInvitation; state: SubmissionState; already: boolean };

export const INVALID_LINK =
  'This link does not work. It may be incomplete, or it belongs to an older pulse: use the link from the most recent email.';

export { linkFromHash } from '../answer/use-answer-flow';

/** Why obtaining a token or sending failed, in the terms the page acts on. */
export function tokenFailure(error: unknown): 'used' | 'closed' | 'invalid' | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 409) return error.code === 'round_closed' ? 'closed' : 'used';
  if (error.status === 404 || error.status === 400) return 'invalid';
  return null;
}

/**
 * Opens a pulse link: reads the invitation and finds what this browser holds of it (answers sent and not yet
 * stored are checked, and sent again if the server lost them). Opening takes no token: that happens on sending.
 */
export function usePulseFlow(link: string) {
  const [flow, setFlow] = useState<PulseFlow>(link ? { step: 'loading' } : { step: 'no-link' });
  const [attempt, setAttempt] = useState(0);
  const invitation = 'invitation' in flow ? flow.invitation : null;
  const sender = useMemo(() => (invitation ? pulseSender(link, invitation) : null), [link, invitation]);

  useEffect(() => {
    if (!link) return;
    let cancelled = false;
    void attempt;
    setFlow({ step: 'loading' });
    (async () => {
      const invitation = await fetchPulseInvitation(link);
      if (cancelled) return;
      const sender = pulseSender(link, invitation);
      const resumed = await checkSaved(sender);
      if (cancelled) return;
      if (resumed) {
        if (resumed.state === 'stored') rememberAnswered(invitation.pulseId);
        return setFlow({ step: 'answered', invitation, state: resumed.state, already: true });
      }
      if (hasAnswered(invitation.pulseId))
        return setFlow({ step: 'answered', invitation, state: 'stored', already: true });
      if (invitation.status === 'closed') return setFlow({ step: 'closed', invitation });
      const legacy = unsentAnswers(sender) ? null : legacyToken(invitation.pulseId);
      if (legacy) adoptToken(sender, legacy, { ratings: [], comment: '' });
      const draft = unsentAnswers(sender);
      if (invitation.tokenIssued && !draft) return setFlow({ step: 'used', invitation });
      setFlow({ step: 'write', invitation, draft });
    })().catch((error: unknown) => {
      if (cancelled) return;
      if (tokenFailure(error) === 'invalid')
        return setFlow({ step: 'error', message: INVALID_LINK, retry: false });
      setFlow({ step: 'error', message: errorMessage(error), retry: true });
    });
    return () => {
      cancelled = true;
    };
  }, [link, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const finish = useCallback((invitation: PulseInvitation, state: SubmissionState) => {
    if (state === 'stored') rememberAnswered(invitation.pulseId);
    setFlow({ step: 'answered', invitation, state, already: false });
  }, []);

  // While pending: check every ~20 s, and say "Stored" once it is.
  const pending = flow.step === 'answered' && flow.state === 'pending';
  const check = useMemo(() => (pending && sender ? () => isStoredNow(sender) : null), [pending, sender]);
  usePendingCheck(check, () => {
    setFlow((current) => {
      if (current.step !== 'answered') return current;
      rememberAnswered(current.invitation.pulseId);
      return { ...current, state: 'stored' };
    });
  });

  return { flow, setFlow, sender, retry, finish };
}
