import { webcrypto } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
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
