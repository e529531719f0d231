import type { BallotInvitation } from '@kintsugi/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import {
  fetchInvitation,
  fetchThread,
  type RoundAnswers,
  roundSender,
  type ThreadAnswer,
} from '../../ballot/ballot-api';
import { loadReplyKey, type ReplyKey, saveReplyKey } from '../../ballot/reply-key';
import {
  adoptToken,
  checkSaved,
  fetchStatus,
  type Sent,
  savedToken,
  unsentAnswers,
} from '../../ballot/send-ballot';
import { isStoredNow, usePendingCheck } from '../../ballot/use-pending-check';

export type AnswerFlow =
  | { step: 'loading'; label: string }
  /** No link in the address: the person may still paste a reply key. */
  | { step: 'no-link' }
  | { step: 'error'; message: string; invitation: BallotInvitation | null }
  /** The link (or another link of this person) already took its token, and this browser holds nothing of it. */
  | { step: 'used'; invitation: BallotInvitation }
  | { step: 'closed'; invitation: BallotInvitation }
  /** `draft`: answers this browser kept from a send that did not finish, put back into the form. */
  | { step: 'write'; invitation: BallotInvitation; draft: RoundAnswers | null }
  /** Received, and waiting to be stored together with at least k − 1 other people's answers. */
  | { step: 'pending'; invitation: BallotInvitation | null; key: ReplyKey }
  | {
      step: 'thread';
      invitation: BallotInvitation | null;
      key: ReplyKey;
      answers: ThreadAnswer[];
      justAnswered: boolean;
    };

const NO_ANSWERS: RoundAnswers = { answers: [], name: null };

/** The link's secret lives in the fragment (#…), which browsers never send to the server. */
export function linkFromHash(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    return hash.replace(/^#/, '').trim();
  }
}

const replyKeyOf = (roundId: string, sent: Sent): ReplyKey => ({ roundId, ...sent.token });

/**
 * Opens a personal link: reads the invitation, and finds what this browser holds for the round: answers sent but
 * not yet stored (checked, and sent again if the server lost them), a reply key, or a draft. Opening takes no token:
 * the token is asked for only when the person sends their answers.
 */
export function useAnswerFlow(link: string) {
  const [flow, setFlow] = useState<AnswerFlow>(
    link ? { step: 'loading', label: 'Opening your link…' } : { step: 'no-link' },
  );
  const invitation = 'invitation' in flow ? flow.invitation : null;
  const sender = useMemo(() => (invitation ? roundSender(link, invitation) : null), [link, invitation]);

  const showThread = useCallback(
    async (invitation: BallotInvitation | null, key: ReplyKey, justAnswered = false) => {
      // Just stored, the answers are what the person sent: a failed read only leaves out their echo.
      const thread = await fetchThread(key).catch((error: unknown) => {
        if (justAnswered) return { answers: [] };
        throw error;
      });
      setFlow({ step: 'thread', invitation, key, answers: thread.answers, justAnswered });
    },
    [],
  );

  /** Where a send (or a check of an earlier one) leaves the page. */
  const afterSend = useCallback(
    async (invitation: BallotInvitation | null, key: ReplyKey, state: Sent['state']) => {
      if (state === 'pending') return setFlow({ step: 'pending', invitation, key });
      saveReplyKey(key);
      await showThread(invitation, key, true);
    },
    [showThread],
  );

  useEffect(() => {
    if (!link) return;
    let cancelled = false;
    (async () => {
      const invitation = await fetchInvitation(link);
      if (cancelled) return;
      const sender = roundSender(link, invitation);
      // Answers sent from here and not yet stored come first: they are checked, and sent again if need be.
      const resumed = await checkSaved(sender);
      if (cancelled) return;
      if (resumed) return afterSend(invitation, replyKeyOf(invitation.roundId, resumed), resumed.state);
      const stored = loadReplyKey(invitation.roundId);
      if (stored) {
        const { state } = await fetchStatus('round', invitation.roundId, stored.token);
        if (cancelled) return;
        if (state === 'stored') return showThread(invitation, stored);
        if (state === 'pending') return setFlow({ step: 'pending', invitation, key: stored });
        // A key taken when links still took their token on opening, never used: answering now spends it.
        if (invitation.status === 'open') adoptToken(sender, stored, NO_ANSWERS);
      }
      if (invitation.status === 'closed') return setFlow({ step: 'closed', invitation });
      const draft = unsentAnswers(sender);
      if (invitation.tokenIssued && !draft) return setFlow({ step: 'used', invitation });
      setFlow({ step: 'write', invitation, draft });
    })().catch((error: unknown) => {
      if (cancelled) return;
      const message =
        error instanceof ApiError && (error.status === 404 || error.status === 400)
          ? 'This link does not work. It may be incomplete: check that you opened the whole link from your email, or ask your leader to send you a new one.'
          : errorMessage(error);
      setFlow({ step: 'error', message, invitation: null });
    });
    return () => {
      cancelled = true;
    };
  }, [link, showThread, afterSend]);

  /** A reply key pasted by the person: their answers if stored, or where they stand. */
  const enterKey = useCallback(
    async (key: ReplyKey) => {
      if (invitation && key.roundId !== invitation.roundId) {
        throw new Error('This reply key belongs to another listening round.');
      }
      const { state } = await fetchStatus('round', key.roundId, key.token);
      if (state === 'stored') {
        await showThread(invitation, key);
        saveReplyKey(key);
        return;
      }
      if (state === 'pending') return setFlow({ step: 'pending', invitation, key });
      if (!invitation || !sender || invitation.status === 'closed')
        throw new Error(
          'No answers have been received with this reply key. If you sent them on another device, open your link there: that browser keeps them until they are stored.',
        );
      // A key never used to answer: answering now spends it.
      adoptToken(sender, key, NO_ANSWERS);
      setFlow({ step: 'write', invitation, draft: null });
    },
    [invitation, sender, showThread],
  );

  const answered = useCallback(
    (sent: Sent) => {
      if (!invitation) return Promise.resolve();
      return afterSend(invitation, replyKeyOf(invitation.roundId, sent), sent.state);
    },
    [invitation, afterSend],
  );

  // While pending: check every ~20 s, and show the thread once stored.
  const pendingKey = flow.step === 'pending' ? flow.key : null;
  const check = useMemo(() => {
    if (!pendingKey) return null;
    // With the link, this browser's copy is checked (and resent if lost); with a pasted key, only the status.
    if (sender && savedToken(sender)?.token === pendingKey.token) return () => isStoredNow(sender);
    return async () => (await fetchStatus('round', pendingKey.roundId, pendingKey.token)).state === 'stored';
  }, [pendingKey, sender]);
  usePendingCheck(check, () => {
    if (!pendingKey) return;
    saveReplyKey(pendingKey);
    showThread(invitation, pendingKey, true).catch(() => undefined);
  });

  const markUsed = useCallback(() => {
    if (invitation) setFlow({ step: 'used', invitation });
  }, [invitation]);

  /** After replying to a follow-up question: the thread again, in place. */
  const reloadThread = useCallback(async () => {
    if (flow.step !== 'thread') return;
    const thread = await fetchThread(flow.key);
    setFlow({ ...flow, answers: thread.answers });
  }, [flow]);

  return { flow, sender, enterKey, answered, markUsed, reloadThread };
}
