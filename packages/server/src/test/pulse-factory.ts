import { CURRENT_PULSE_VERSION, pulseItemSet } from '@kintsugi/core';
import { obtainSignedToken } from './blind-token.js';
import { linksOfPeople } from './outbox-links.js';
import { request, type TestApp } from './test-app.js';

export interface PulseProof {
  pulseId: string;
  token: string;
  signature: string;
}

/** What the pulse page does in the browser: read the link's pulse, blind a random token, get it signed, unblind. */
export async function obtainPulseToken(app: TestApp, secret: string): Promise<PulseProof> {
  const { id, token, signature } = await obtainSignedToken(app, {
    keyUrl: '/api/v1/pulse/invitation',
    issueUrl: '/api/v1/pulse/issue',
    body: { link: secret },
    read: (json) => {
      const { pulseId, publicKey } = json as { pulseId: string; publicKey: string };
      return { id: pulseId, publicKey };
    },
  });
  return { pulseId: id, token, signature };
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

/** The pulse links a send emailed, in the order of the people it names (read from the outbox). */
export const secretsOf = (app: TestApp, sent: { personId: string }[]) => linksOfPeople(app, 'pulse', sent);
