import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { requestBlindSignature } from './ballot-api';
import { fromBase64url, toBase64url } from './base64url';
import type { ReplyKey } from './reply-key';

/**
 * Obtains an anonymous answer token (RFC 9474, RSABSSA-SHA384-PSS-Randomized). The browser makes a
 * random message, blinds it and sends only the blinded form with the personal link; the server signs
 * without seeing the message, and the browser unblinds the signature. The server can later verify the
 * token but cannot tell which link obtained it.
 */
export async function obtainReplyKey(
  link: string,
  roundId: string,
  publicKeySpki: string,
): Promise<ReplyKey> {
  const suite = RSABSSA.SHA384.PSS.Randomized();
  const publicKey = await crypto.subtle.importKey(
    'spki',
    toArrayBuffer(fromBase64url(publicKeySpki)),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const message = crypto.getRandomValues(new Uint8Array(32));
  const prepared = suite.prepare(message);
  const { blindedMsg, inv } = await suite.blind(publicKey, prepared);
  const { blindSignature } = await requestBlindSignature(link, toBase64url(blindedMsg));
  const signature = await suite.finalize(publicKey, prepared, fromBase64url(blindSignature), inv);
  return { roundId, token: toBase64url(prepared), signature: toBase64url(signature) };
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
