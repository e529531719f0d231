import { fromBase64url, toBase64url } from '@kintsugi/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, networkError } from '../api/api-error';
import { type BallotSender, checkSaved, sendBallot, unsentAnswers } from './send-ballot';
import { loadSubmission } from './submission-store';

// sendBallot against a ballot that signs for real (RSA-2048, the raw operation the server uses), with the network
// failing where a test says so. Storage is this tab's memory here (no localStorage in Node), as in private browsing.

interface Answers {
  text: string;
}
const isAnswers = (value: unknown): value is Answers =>
  typeof value === 'object' && value !== null && typeof (value as Answers).text === 'string';

let publicKey = '';
let n = 0n;
let d = 0n;
let size = 0;

const toBigInt = (bytes: Uint8Array) =>
  BigInt(`0x${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`);
function toBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(length * 2, '0');
  return Uint8Array.from({ length }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}
function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}
/** What the server does: the raw RSA private operation on the blinded message. */
const signBlindly = (blindedMessage: string) =>
  toBase64url(toBytes(modPow(toBigInt(fromBase64url(blindedMessage)), d, n), size));

beforeAll(async () => {
  const keys = await crypto.subtle.generateKey(
    { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-384' },
    true,
    ['sign', 'verify'],
  );
  publicKey = toBase64url(new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey)));
  const jwk = await crypto.subtle.exportKey('jwk', keys.privateKey);
  const modulus = fromBase64url(jwk.n ?? '');
  size = modulus.length;
  n = toBigInt(modulus);
  d = toBigInt(fromBase64url(jwk.d ?? ''));
});

let ballots = 0;

/** A fresh ballot; `fail` says how many times each step loses its connection before it works. */
function ballot(fail: { issue?: number; submit?: number } = {}, state: 'stored' | 'pending' = 'stored') {
  const calls = { issue: [] as string[], submit: [] as { token: string; answers: Answers }[] };
  let issueFailures = fail.issue ?? 0;
  let submitFailures = fail.submit ?? 0;
  const sender: BallotSender<Answers> = {
    kind: 'round',
    ballotId: `00000000-0000-4000-8000-${String(++ballots).padStart(12, '0')}`,
    publicKey,
    retryDelaysMs: [0, 0],
    isAnswers,
    issue: async (blindedMessage) => {
      calls.issue.push(blindedMessage);
      if (issueFailures-- > 0) throw networkError();
      return signBlindly(blindedMessage);
    },
    submit: async (token, answers) => {
      calls.submit.push({ token: token.token, answers });
      if (submitFailures-- > 0) throw networkError();
      return { state };
    },
  };
  return { sender, calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sendBallot', () => {
  it('blinds, gets the signature, unblinds and sends; stored clears what this browser kept', async () => {
    const { sender, calls } = ballot();
    const sent = await sendBallot(sender, { text: 'hello' });
    expect(sent.state).toBe('stored');
    expect(calls.issue).toHaveLength(1);
    expect(calls.submit).toEqual([{ token: sent.token.token, answers: { text: 'hello' } }]);
    expect(loadSubmission('round', sender.ballotId, isAnswers)).toBeNull();
  });

  it('after lost connections asks again with the very same blinded message, never a new one', async () => {
    const { sender, calls } = ballot({ issue: 3 });
    await expect(sendBallot(sender, { text: 'first words' })).rejects.toMatchObject({ code: 'network' });
    expect(new Set(calls.issue).size).toBe(1);
    // The answers are kept for the form, with the blinded token.
    expect(unsentAnswers(sender)).toEqual({ text: 'first words' });

    const sent = await sendBallot(sender, { text: 'edited words' });
    expect(sent.state).toBe('stored');
    expect(new Set(calls.issue).size).toBe(1);
    expect(calls.issue).toHaveLength(4);
    expect(calls.submit.at(-1)?.answers).toEqual({ text: 'edited words' });
  });

  it('keeps the signed token when sending fails, and sends with it again', async () => {
    const { sender, calls } = ballot({ submit: 3 });
    await expect(sendBallot(sender, { text: 'mine' })).rejects.toBeInstanceOf(ApiError);
    const sent = await sendBallot(sender, { text: 'mine' });
    expect(calls.issue).toHaveLength(1);
    expect(new Set(calls.submit.map((c) => c.token))).toEqual(new Set([sent.token.token]));
  });

  it('keeps a pending submission until the status says stored, and resends it when the server lost it', async () => {
    const { sender, calls } = ballot({}, 'pending');
    const sent = await sendBallot(sender, { text: 'waiting' });
    expect(sent.state).toBe('pending');
    expect(loadSubmission('round', sender.ballotId, isAnswers)?.received).toBe(true);
    // Nothing to put back into a form: it was received.
    expect(unsentAnswers(sender)).toBeNull();

    const asked: unknown[] = [];
    const status = (state: string) =>
      vi.fn(async (_url: string, init: RequestInit) => {
        asked.push(JSON.parse(String(init.body)));
        return new Response(JSON.stringify({ state }), { status: 200 });
      });
    vi.stubGlobal('fetch', status('pending'));
    expect((await checkSaved(sender))?.state).toBe('pending');
    expect(asked).toEqual([{ kind: 'round', ballotId: sender.ballotId, token: sent.token.token }]);

    // A restart lost it: sent again, same token, same answers.
    vi.stubGlobal('fetch', status('unknown'));
    await checkSaved(sender);
    expect(calls.submit).toHaveLength(2);
    expect(calls.submit[1]).toEqual({ token: sent.token.token, answers: { text: 'waiting' } });
    expect(calls.issue).toHaveLength(1);

    vi.stubGlobal('fetch', status('stored'));
    expect((await checkSaved(sender))?.state).toBe('stored');
    expect(loadSubmission('round', sender.ballotId, isAnswers)).toBeNull();
    expect(await checkSaved(sender)).toBeNull();
  });
});
