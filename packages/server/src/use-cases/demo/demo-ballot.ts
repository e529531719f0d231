import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import { getInvitation } from '../ballots/get-invitation.js';
import { issueToken } from '../ballots/issue-token.js';
import { submitAnswers } from '../ballots/submit-answers.js';
import { issueWitnessToken, witness, witnessKey } from '../commitments/witness.js';
import type { Deps } from '../deps.js';

/**
 * The answering page's (and the team space's witness) side of RFC 9474 (RSABSSA-SHA384-PSS-Randomized), in Node so the demo needs no browser
 * library at run time: prepare a random token, blind it, have the ballot use case sign it, unblind.
 */
const HASH_BYTES = 48;
const sha384 = (...parts: Buffer[]) => createHash('sha384').update(Buffer.concat(parts)).digest();
const toInt = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex') || '0'}`);
const toBytes = (n: bigint, length: number) => Buffer.from(n.toString(16).padStart(length * 2, '0'), 'hex');

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function modInverse(a: bigint, modulus: bigint): bigint {
  let [oldR, r] = [a % modulus, modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return ((oldS % modulus) + modulus) % modulus;
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-384, MGF1-SHA-384 and a 48-byte salt. */
function pssEncode(message: Buffer, emBits: number): Buffer {
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(HASH_BYTES);
  const h = sha384(Buffer.alloc(8), sha384(message), salt);
  const db = Buffer.concat([Buffer.alloc(emLen - 2 * HASH_BYTES - 2), Buffer.from([1]), salt]);
  const mask: Buffer[] = [];
  for (let counter = 0; mask.length * HASH_BYTES < db.length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    mask.push(sha384(h, c));
  }
  const dbMask = Buffer.concat(mask);
  for (let i = 0; i < db.length; i++) db[i] = (db[i] as number) ^ (dbMask[i] as number);
  db[0] = (db[0] as number) & (0xff >> (8 * emLen - emBits));
  return Buffer.concat([db, h, Buffer.from([0xbc])]);
}

export interface DemoProof {
  roundId: string;
  token: string;
  signature: string;
}

/**
 * The client's side of one blind signature: a random token, blinded for `publicKey` (base64url SPKI), signed blindly
 * by `sign` (the use case that issues tokens), then unblinded.
 */
export async function blindToken(
  publicKey: string,
  sign: (blindedMessage: string) => Promise<{ blindSignature: string }>,
): Promise<{ token: string; signature: string }> {
  const jwk = createPublicKey({
    key: Buffer.from(publicKey, 'base64url'),
    format: 'der',
    type: 'spki',
  }).export({ format: 'jwk' });
  const n = toInt(Buffer.from(jwk.n as string, 'base64url'));
  const e = toInt(Buffer.from(jwk.e as string, 'base64url'));
  const bytes = Math.ceil(n.toString(2).length / 8);
  const token = randomBytes(64); // the Randomized variant's prepare: 32 random bytes before a 32-byte message
  const m = toInt(pssEncode(token, n.toString(2).length - 1));
  let r = 0n;
  while (r < 2n) r = toInt(randomBytes(bytes)) % n;
  const blinded = (m * modPow(r, e, n)) % n;
  const { blindSignature } = await sign(toBytes(blinded, bytes).toString('base64url'));
  const signature = (toInt(Buffer.from(blindSignature, 'base64url')) * modInverse(r, n)) % n;
  return { token: token.toString('base64url'), signature: toBytes(signature, bytes).toString('base64url') };
}

/** Opens a personal link, takes its answer token and sends the answers, exactly as a browser would. */
export async function answerFromLink(
  deps: Deps,
  link: string,
  answers: { questionId: string; text: string }[],
  name?: string,
): Promise<DemoProof> {
  const invitation = await getInvitation(deps, link);
  const signed = await blindToken(invitation.publicKey, (blindedMessage) =>
    issueToken(deps, { link, blindedMessage }),
  );
  const proof = { roundId: invitation.roundId, ...signed };
  await submitAnswers(deps, { ...proof, answers, ...(name ? { name } : {}) });
  return proof;
}

/** Opens the team-space link, takes a witness token for one occurrence and says whether they saw it. */
export async function witnessFromLink(
  deps: Deps,
  link: string,
  occurrenceId: string,
  saw: boolean,
): Promise<void> {
  const { publicKey } = await witnessKey(deps, { link, occurrenceId });
  const signed = await blindToken(publicKey, (blindedMessage) =>
    issueWitnessToken(deps, { link, occurrenceId, blindedMessage }),
  );
  await witness(deps, { occurrenceId, ...signed, saw });
}
