import type { BallotSubmission } from '@kintsugi/core';
import { ApiError } from '../../api/api-error';
import { postPublic } from '../../api/public-post';
import type { BallotSender } from '../../ballot/send-ballot';

// Public and anonymous, like the team space itself: no cookies, no referrer, secrets only in request bodies
// (see postPublic). The answer itself (POST /api/v1/witness) carries no link at all: only a blindly signed token.

/** What this browser keeps of one witness answer until it is stored. */
export interface WitnessChoice {
  saw: boolean;
}

export const isWitnessChoice = (value: unknown): value is WitnessChoice =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).saw === 'boolean';

/** Why no token can be had: this link (or another of this person) already took its token for the occurrence. */
export function isLinkUsed(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/** The occurrence's witness ballot: its public key, and whether this person's link already took its token. */
export function fetchWitnessKey(
  link: string,
  occurrenceId: string,
): Promise<{ publicKey: string; tokenIssued: boolean }> {
  return postPublic('/api/v1/team-space/witness/key', { link, occurrenceId });
}

/** One occurrence's witness vote as a ballot: the token is asked for with the link, the answer goes without it. */
export function witnessSender(
  link: string,
  occurrenceId: string,
  publicKey: string,
): BallotSender<WitnessChoice> {
  return {
    kind: 'witness',
    ballotId: occurrenceId,
    publicKey,
    issue: async (blindedMessage) =>
      (
        await postPublic<{ blindSignature: string }>('/api/v1/team-space/witness/issue', {
          link,
          occurrenceId,
          blindedMessage,
        })
      ).blindSignature,
    submit: (token, { saw }) =>
      postPublic<BallotSubmission>('/api/v1/witness', { occurrenceId, ...token, saw }),
    isAnswers: isWitnessChoice,
  };
}

/** For checking a pending answer when the page opens: the key is not needed to ask or to send again. */
export function witnessStatusSender(link: string, occurrenceId: string): BallotSender<WitnessChoice> {
  return witnessSender(link, occurrenceId, '');
}
