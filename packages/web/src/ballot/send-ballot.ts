import type { BallotStatus, BallotSubmission } from '@kintsugi/core';
import { ApiError } from '../api/api-error';
import { postPublic } from '../api/public-post';
import type { BlindToken } from './blind-signature';
import {
  type BallotKind,
  clearSubmission,
  loadSubmission,
  type SavedSubmission,
  saveSubmission,
} from './submission-store';

export type SubmissionState = BallotSubmission['state'];

/** How one ballot (a listening round, a pulse, one occurrence's witness vote) takes an anonymous submission. */
export interface BallotSender<A> {
  kind: BallotKind;
  /** The round's, the pulse's or the occurrence's id: what the status check names. */
  ballotId: string;
  publicKey: string;
  /** Asks for the blind signature of a blinded message, with the personal link. */
  issue: (blindedMessage: string) => Promise<string>;
  /** Sends the answers with the unblinded token alone: no link, no cookie. */
  submit: (token: BlindToken, answers: A) => Promise<BallotSubmission>;
  /** Checks answers read back from storage. */
  isAnswers: (value: unknown) => value is A;
  /** Waits between tries after a lost connection; 1 s and 3 s unless told (tests say 0). */
  retryDelaysMs?: readonly number[];
}

export interface Sent {
  state: SubmissionState;
  token: BlindToken;
}

const RETRY_DELAYS_MS = [1_000, 3_000];

export const isNetworkError = (error: unknown) => error instanceof ApiError && error.code === 'network';

/** Tries again after a lost connection (the same request each time), then gives up with the last error. */
async function retrying<T>(attempt: () => Promise<T>, delays: readonly number[]): Promise<T> {
  for (const delay of delays) {
    try {
      return await attempt();
    } catch (error) {
      if (!isNetworkError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return attempt();
}

function tokenOf(saved: SavedSubmission<unknown>): BlindToken | null {
  return saved.signature ? { token: saved.blinded.token, signature: saved.signature } : null;
}

/** The unblinded token this browser holds for a ballot, if any. */
export function savedToken<A>(sender: BallotSender<A>): BlindToken | null {
  const saved = loadSubmission(sender.kind, sender.ballotId, sender.isAnswers);
  return saved ? tokenOf(saved) : null;
}

/** Answers this browser kept but has not had acknowledged: to put back into the form. */
export function unsentAnswers<A>(sender: BallotSender<A>): A | null {
  const saved = loadSubmission(sender.kind, sender.ballotId, sender.isAnswers);
  return saved && !saved.received ? saved.answers : null;
}

/**
 * Sends one anonymous submission, keeping everything needed to finish it in this browser first:
 * 1. a random token, blinded, saved with the answers before anything is asked;
 * 2. the blind signature, asked with the saved blinded message (asking again gives the same signature);
 * 3. the unblinded signature, saved;
 * 4. the answers with the token alone. 'stored' clears the saved copy; 'pending' keeps it until the status says
 *    stored. A failure at any step keeps the copy, and the next try picks up where this one stopped.
 */
export async function sendBallot<A>(sender: BallotSender<A>, answers: A): Promise<Sent> {
  const { kind, ballotId, publicKey } = sender;
  const delays = sender.retryDelaysMs ?? RETRY_DELAYS_MS;
  // Loaded only here: leaders and facilitators never download the blind-signature code.
  const blinding = () => import('./blind-signature');
  let saved = loadSubmission(kind, ballotId, sender.isAnswers);
  if (!saved) {
    const blinded = await (await blinding()).blindToken(publicKey);
    saved = { blinded, signature: null, answers, attempted: false, received: false };
  } else if (!saved.received) saved = { ...saved, answers };
  saveSubmission(kind, ballotId, saved);

  let token = tokenOf(saved);
  if (!token) {
    const blinded = saved.blinded;
    const blindSignature = await retrying(() => sender.issue(blinded.blindedMessage), delays);
    token = await (await blinding()).finalizeToken(publicKey, blinded, blindSignature);
    saved = { ...saved, signature: token.signature };
    saveSubmission(kind, ballotId, saved);
  }
  const signed = token;
  const sentAnswers = saved.answers;
  if (!saved.attempted) {
    saved = { ...saved, attempted: true };
    saveSubmission(kind, ballotId, saved);
  }
  const { state } = await retrying(() => sender.submit(signed, sentAnswers), delays);
  if (state === 'stored') clearSubmission(kind, ballotId);
  else saveSubmission(kind, ballotId, { ...saved, received: true });
  return { state, token: signed };
}

export function fetchStatus(kind: BallotKind, ballotId: string, token: string): Promise<BallotStatus> {
  return postPublic<BallotStatus>('/api/v1/ballot/status', { kind, ballotId, token });
}

/**
 * What became of the submission this browser sent: asks the server and, if it does not know it (never received,
 * or lost in a restart), sends it again with the same token. Null when nothing was sent from here.
 */
export async function checkSaved<A>(sender: BallotSender<A>): Promise<Sent | null> {
  const saved = loadSubmission(sender.kind, sender.ballotId, sender.isAnswers);
  const token = saved?.attempted ? tokenOf(saved) : null;
  if (!saved || !token) return null;
  const { state } = await fetchStatus(sender.kind, sender.ballotId, token.token);
  if (state === 'unknown') return sendBallot(sender, saved.answers);
  if (state === 'stored') clearSubmission(sender.kind, sender.ballotId);
  else if (!saved.received) saveSubmission(sender.kind, sender.ballotId, { ...saved, received: true });
  return { state, token };
}

/**
 * Takes up a token this browser already holds signed (a reply key pasted, or kept from before tokens were taken at
 * sending), so that sending the answers goes straight to step 4 with it.
 */
export function adoptToken<A>(sender: BallotSender<A>, token: BlindToken, answers: A): void {
  saveSubmission(sender.kind, sender.ballotId, {
    blinded: { token: token.token, blindedMessage: '', inverse: '' },
    signature: token.signature,
    answers,
    attempted: false,
    received: false,
  });
}
