import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { ApiError } from '../../api/api-error';
import { postPublic } from '../../api/public-post';
import { fromBase64url, toBase64url } from '../../ballot/base64url';

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

/**
 * Obtains a witness token (RFC 9474, RSABSSA-SHA384-PSS-Randomized): a random message is blinded in the
 * browser, the server signs the blinded form against the personal link, and the browser unblinds it. The
 * server can verify the token later but cannot tell which link obtained it.
 */
export async function obtainWitnessToken(link: string, occurrenceId: string): Promise<WitnessToken> {
  const key = await postPublic<{ publicKey: string; tokenIssued: boolean }>(
    '/api/v1/team-space/witness/key',
    {
      link,
      occurrenceId,
    },
  );
  if (key.tokenIssued) throw new AlreadyAnswered();
  const suite = RSABSSA.SHA384.PSS.Randomized();
  const publicKey = await crypto.subtle.importKey(
    'spki',
    toArrayBuffer(fromBase64url(key.publicKey)),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(publicKey, prepared);
  const { blindSignature } = await postPublic<{ blindSignature: string }>(
    '/api/v1/team-space/witness/issue',
    {
      link,
      occurrenceId,
      blindedMessage: toBase64url(blindedMsg),
    },
  );
  const signature = await suite.finalize(publicKey, prepared, fromBase64url(blindSignature), inv);
  return { occurrenceId, token: toBase64url(prepared), signature: toBase64url(signature) };
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

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
