import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { fromBase64url, toBase64url } from './base64url.js';

/** An anonymous one-use credential: a random prepared message and the ballot's signature on it. */
export interface BlindToken {
  token: string;
  signature: string;
}

/**
 * A token blinded and not yet signed, all base64url, so a page can save it before asking for the signature and,
 * after a lost response or a reload, ask again with the very same blinded message (which gets the same signature).
 */
export interface BlindedToken {
  token: string;
  blindedMessage: string;
  inverse: string;
}

const suite = () => RSABSSA.SHA384.PSS.Randomized();

// No annotation: the key's type is the DOM's CryptoKey here and Node's webcrypto.CryptoKey for the server tests.
function importKey(publicKeySpki: string) {
  const der = fromBase64url(publicKeySpki);
  const copy = new Uint8Array(der.length);
  copy.set(der);
  return globalThis.crypto.subtle.importKey('spki', copy.buffer, { name: 'RSA-PSS', hash: 'SHA-384' }, true, [
    'verify',
  ]);
}

/** The client's first step (RFC 9474 Prepare + Blind): a random token, blinded for the ballot's public key. */
export async function blindToken(publicKeySpki: string): Promise<BlindedToken> {
  const rsa = suite();
  const prepared = rsa.prepare(globalThis.crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await rsa.blind(await importKey(publicKeySpki), prepared);
  return { token: toBase64url(prepared), blindedMessage: toBase64url(blindedMsg), inverse: toBase64url(inv) };
}

/** The client's last step (RFC 9474 Finalize): unblinds and verifies the ballot's signature. */
export async function finalizeToken(
  publicKeySpki: string,
  blinded: BlindedToken,
  blindSignature: string,
): Promise<BlindToken> {
  const signature = await suite().finalize(
    await importKey(publicKeySpki),
    fromBase64url(blinded.token),
    fromBase64url(blindSignature),
    fromBase64url(blinded.inverse),
  );
  return { token: blinded.token, signature: toBase64url(signature) };
}

/**
 * Obtains a blindly signed token from any ballot: the client makes a random message, blinds it and hands only the
 * blinded form to `sign` (which sends it with the personal link). The server signs without seeing the message, so
 * it can later verify the token but cannot tell which link obtained it. One helper for the web app, the demo,
 * the tests and the end-to-end tests.
 */
export async function obtainBlindToken(
  publicKeySpki: string,
  sign: (blindedMessage: string) => Promise<string>,
): Promise<BlindToken> {
  const blinded = await blindToken(publicKeySpki);
  return finalizeToken(publicKeySpki, blinded, await sign(blinded.blindedMessage));
}
