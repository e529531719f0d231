import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { fromBase64url, toBase64url } from './base64url';

/** An anonymous one-use credential: a random prepared message and the server's signature on it. */
export interface BlindToken {
  token: string;
  signature: string;
}

/**
 * Obtains a blindly signed token (RFC 9474, RSABSSA-SHA384-PSS-Randomized) from any ballot that speaks
 * base64url: the browser makes a random message, blinds it, and hands only the blinded form to `sign`
 * (which sends it with the personal link). The server signs without seeing the message, so it can later
 * verify the token but cannot tell which link obtained it.
 */
export async function obtainBlindToken(
  publicKeySpki: string,
  sign: (blindedMessage: string) => Promise<string>,
): Promise<BlindToken> {
  const suite = RSABSSA.SHA384.PSS.Randomized();
  const publicKey = await crypto.subtle.importKey(
    'spki',
    toArrayBuffer(fromBase64url(publicKeySpki)),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(publicKey, prepared);
  const blindSignature = await sign(toBase64url(blindedMsg));
  const signature = await suite.finalize(publicKey, prepared, fromBase64url(blindSignature), inv);
  return { token: toBase64url(prepared), signature: toBase64url(signature) };
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
