import type { BallotInvitation } from '@kintsugi/core';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { fetchInvitation, fetchThread, type ThreadAnswer } from '../../ballot/ballot-api';
import { loadReplyKey, type ReplyKey, saveReplyKey } from '../../ballot/reply-key';

export type AnswerFlow =
  | { step: 'loading'; label: string }
  /** No link in the address: the person may still paste a reply key. */
  | { step: 'no-link' }
  | { step: 'error'; message: string; invitation: BallotInvitation | null }
  /** The link already obtained its token, on another device or browser: a reply key is needed. */
  | { step: 'need-key'; invitation: BallotInvitation }
  | { step: 'closed'; invitation: BallotInvitation }
  | { step: 'write'; invitation: BallotInvitation; key: ReplyKey }
  | {
      step: 'thread';
      invitation: BallotInvitation | null;
      key: ReplyKey;
      answers: ThreadAnswer[];
      justAnswered: boolean;
    };

/** The link's secret lives in the fragment (#…), which browsers never send to the server. */
export function linkFromHash(hash: string): string {
  return decodeURIComponent(hash.replace(/^#/, '')).trim();
}

/**
 * Opens a personal link: reads the invitation, and at once obtains the anonymous token (so that
 * obtaining it and answering are far apart in time), or finds the one this browser already holds.
 */
export function useAnswerFlow(link: string) {
  const [flow, setFlow] = useState<AnswerFlow>(
    link ? { step: 'loading', label: 'Opening your link…' } : { step: 'no-link' },
  );

  const showThreadOrForm = useCallback(
    async (invitation: BallotInvitation | null, key: ReplyKey, justAnswered = false) => {
      const thread = await fetchThread(key).catch((error: unknown) => {
        // The server answers 404 while nothing was sent with this key yet: then the form is next.
        if (error instanceof ApiError && error.status === 404 && invitation?.status === 'open')
          return { answers: [] };
        throw error;
      });
      if (thread.answers.length > 0 || !invitation || invitation.status === 'closed') {
        setFlow({ step: 'thread', invitation, key, answers: thread.answers, justAnswered });
      } else {
        setFlow({ step: 'write', invitation, key });
      }
    },
    [],
  );

  useEffect(() => {
    if (!link) return;
    let cancelled = false;
    (async () => {
      const invitation = await fetchInvitation(link);
      if (cancelled) return;
      const stored = loadReplyKey(invitation.roundId);
      if (stored) return showThreadOrForm(invitation, stored);
      if (invitation.status === 'closed') return setFlow({ step: 'closed', invitation });
      if (invitation.tokenIssued) return setFlow({ step: 'need-key', invitation });
      setFlow({ step: 'loading', label: 'Preparing your anonymous answer key…' });
      // Loaded only here: leaders never download the blind-signature code.
      const { obtainReplyKey } = await import('../../ballot/blind-token');
      const key = await obtainReplyKey(link, invitation.roundId, invitation.publicKey);
      saveReplyKey(key);
      if (!cancelled) setFlow({ step: 'write', invitation, key });
    })().catch((error: unknown) => {
      if (cancelled) return;
      const message =
        error instanceof ApiError && (error.status === 404 || error.status === 400)
          ? 'This link does not work. It may be incomplete, or a newer link may have replaced it: ask your leader for a fresh one.'
          : errorMessage(error);
      setFlow({ step: 'error', message, invitation: null });
    });
    return () => {
      cancelled = true;
    };
  }, [link, showThreadOrForm]);

  const invitation = 'invitation' in flow ? flow.invitation : null;

  /** A reply key pasted by the person (saved for next time in this browser). */
  const enterKey = useCallback(
    async (key: ReplyKey) => {
      if (invitation && key.roundId !== invitation.roundId) {
        throw new Error('This reply key belongs to another listening round.');
      }
      await showThreadOrForm(invitation, key);
      saveReplyKey(key);
    },
    [invitation, showThreadOrForm],
  );

  const answered = useCallback(
    (key: ReplyKey) => showThreadOrForm(invitation, key, true),
    [invitation, showThreadOrForm],
  );

  /** After replying to a follow-up question: the thread again, in place. */
  const reloadThread = useCallback(async () => {
    if (flow.step !== 'thread') return;
    const thread = await fetchThread(flow.key);
    setFlow({ ...flow, answers: thread.answers });
  }, [flow]);

  return { flow, enterKey, answered, reloadThread };
}
