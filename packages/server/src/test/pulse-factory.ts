import { webcrypto } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { CURRENT_PULSE_VERSION, pulseItemSet } from '@kintsugi/core';
import { request, type TestApp } from './test-app.js';

const suite = RSABSSA.SHA384.PSS.Randomized();

export interface PulseProof {
  pulseId: string;
  token: string;
  signature: string;
}

/** What the pulse page does in the browser: read the link's pulse, blind a random token, get it signed, unblind. */
export async function obtainPulseToken(app: TestApp, secret: string): Promise<PulseProof> {
  const invitation = await request(app, {
    method: 'POST',
    url: '/api/v1/pulse/invitation',
    body: { link: secret },
  });
  if (invitation.statusCode !== 200) throw new Error(`invitation: ${invitation.body}`);
  const { pulseId, publicKey } = invitation.json() as { pulseId: string; publicKey: string };
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
    url: '/api/v1/pulse/issue',
    body: { link: secret, blindedMessage: Buffer.from(blindedMsg).toString('base64url') },
  });
  if (issued.statusCode !== 200) throw new Error(`issue: ${issued.body}`);
  const blindSig = Buffer.from((issued.json() as { blindSignature: string }).blindSignature, 'base64url');
  const signature = await suite.finalize(pk, prepared, new Uint8Array(blindSig), inv);
  return {
    pulseId,
    token: Buffer.from(prepared).toString('base64url'),
    signature: Buffer.from(signature).toString('base64url'),
  };
}

/** Rates every statement of the pulse with `value` (or per item id), optionally with a comment. */
export async function answerPulse(
  app: TestApp,
  proof: PulseProof,
  value: number | Record<string, number>,
  comment?: string,
) {
  const ratings = pulseItemSet(CURRENT_PULSE_VERSION).items.map((item) => ({
    itemId: item.id,
    value: typeof value === 'number' ? value : (value[item.id] ?? 4),
  }));
  return request(app, {
    method: 'POST',
    url: '/api/v1/pulse/answers',
    body: { ...proof, ratings, ...(comment ? { comment } : {}) },
  });
}

/** Link secrets from the URLs a send returns. */
export const secretsOf = (links: { url: string }[]) => links.map((l) => l.url.split('#')[1] ?? '');
