import { ApiError } from '../../api/api-error';
import { postPublic } from '../../api/public-post';
import { obtainBlindToken } from '../../ballot/blind-signature';

// Public and anonymous, like the team space itself: no cookies, no referrer, secrets only in request bodies
// (see postPublic). The answer itself (POST /api/v1/witness) carries no link at all: only a blindly signed token.

/** A token the server signed blindly for one occurrence: whoever holds it may answer once. */
export interface WitnessToken {
  occurrenceId: string;
  token: string;
  signature: string;
}

/** Why no token can be had: this link already took its token for the occurrence, here or elsewhere. */
export class AlreadyAnswered extends Error {
  constructor() {
    super('already answered');
    this.name = 'AlreadyAnswered';
  }
}

export function isAlreadyAnswered(error: unknown): boolean {
  return (
    error instanceof AlreadyAnswered ||
    (error instanceof ApiError && error.status === 409 && error.code === 'already_answered')
  );
}

/** Obtains a witness token for one occurrence through the personal link (see obtainBlindToken). */
export async function obtainWitnessToken(link: string, occurrenceId: string): Promise<WitnessToken> {
  const key = await postPublic<{ publicKey: string; tokenIssued: boolean }>(
    '/api/v1/team-space/witness/key',
    {
      link,
      occurrenceId,
    },
  );
  if (key.tokenIssued) throw new AlreadyAnswered();
  const signed = await obtainBlindToken(key.publicKey, async (blindedMessage) => {
    const issued = await postPublic<{ blindSignature: string }>('/api/v1/team-space/witness/issue', {
      link,
      occurrenceId,
      blindedMessage,
    });
    return issued.blindSignature;
  });
  return { occurrenceId, ...signed };
}

/** "I saw this" or "I didn't see this": the token only, never the link. */
export async function submitWitness(token: WitnessToken, saw: boolean): Promise<void> {
  await postPublic<unknown>('/api/v1/witness', {
    occurrenceId: token.occurrenceId,
    token: token.token,
    signature: token.signature,
    saw,
  });
}
