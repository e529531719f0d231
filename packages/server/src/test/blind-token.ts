import { webcrypto } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { type BlindedToken, blindToken, finalizeToken } from '@kintsugi/core';
import { request, type TestApp } from './test-app.js';

const suite = RSABSSA.SHA384.PSS.Randomized();

/** Where a blind-signature ballot hands out its key and signs tokens, and how to ask it. */
export interface BlindIssuer {
  keyUrl: string;
  issueUrl: string;
  /** Sent with both requests: the link, and anything else that names the ballot. */
  body: Record<string, string>;
  /** Reads the key response: the ballot's public key and the id the proof carries. */
  read: (keyResponse: unknown) => { id: string; publicKey: string };
}

export interface SignedToken {
  id: string;
  token: string;
  signature: string;
}

/** What an answering page does in the browser: fetch the ballot's key, blind a random token, get it signed, unblind. */
export async function obtainSignedToken(app: TestApp, issuer: BlindIssuer): Promise<SignedToken> {
  const key = await request(app, { method: 'POST', url: issuer.keyUrl, body: issuer.body });
  if (key.statusCode !== 200) throw new Error(`key: ${key.body}`);
  const { id, publicKey } = issuer.read(key.json());
  const pk = await webcrypto.subtle.importKey(
    'spki',
    Buffer.from(publicKey, 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(pk, prepared);
  const issued = await request(app, {
    method: 'POST',
    url: issuer.issueUrl,
    body: { ...issuer.body, blindedMessage: Buffer.from(blindedMsg).toString('base64url') },
  });
  if (issued.statusCode !== 200) throw new Error(`issue: ${issued.body}`);
  const blindSig = Buffer.from((issued.json() as { blindSignature: string }).blindSignature, 'base64url');
  const signature = await suite.finalize(pk, prepared, new Uint8Array(blindSig), inv);
  return {
    id,
    token: Buffer.from(prepared).toString('base64url'),
    signature: Buffer.from(signature).toString('base64url'),
  };
}

/** A token blinded for a ballot's key, not yet signed: a page that keeps it can ask again with the same message. */
export interface PendingToken {
  id: string;
  publicKey: string;
  blinded: BlindedToken;
}

/** The first half of `obtainSignedToken`: fetch the ballot's key through the link and blind a random token for it. */
export async function blindForIssuer(app: TestApp, issuer: BlindIssuer): Promise<PendingToken> {
  const key = await request(app, { method: 'POST', url: issuer.keyUrl, body: issuer.body });
  if (key.statusCode !== 200) throw new Error(`key: ${key.body}`);
  const { id, publicKey } = issuer.read(key.json());
  return { id, publicKey, blinded: await blindToken(publicKey) };
}

/** Asks for the blind signature of `blindedMessage` through the issuer's link (or another `body`). */
export function requestSignature(
  app: TestApp,
  issuer: BlindIssuer,
  blindedMessage: string,
  body: Record<string, string> = issuer.body,
) {
  return request(app, { method: 'POST', url: issuer.issueUrl, body: { ...body, blindedMessage } });
}

/** The second half: unblinds a signature the issuer returned. */
export async function finishToken(pending: PendingToken, blindSignature: string): Promise<SignedToken> {
  const { token, signature } = await finalizeToken(pending.publicKey, pending.blinded, blindSignature);
  return { id: pending.id, token, signature };
}

/** Where a listening round's personal link takes its token. */
export const roundIssuer = (link: string): BlindIssuer => ({
  keyUrl: '/api/v1/ballot/invitation',
  issueUrl: '/api/v1/ballot/issue',
  body: { link },
  read: (json) => {
    const { roundId, publicKey } = json as { roundId: string; publicKey: string };
    return { id: roundId, publicKey };
  },
});

/** Where a pulse's personal link takes its token. */
export const pulseIssuer = (link: string): BlindIssuer => ({
  keyUrl: '/api/v1/pulse/invitation',
  issueUrl: '/api/v1/pulse/issue',
  body: { link },
  read: (json) => {
    const { pulseId, publicKey } = json as { pulseId: string; publicKey: string };
    return { id: pulseId, publicKey };
  },
});
