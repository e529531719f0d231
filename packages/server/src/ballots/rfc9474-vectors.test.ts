import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import {
  BALLOT_KEY_BITS,
  BALLOT_SALT_LENGTH,
  createBallotKeys,
  encryptPrivateKey,
  modulusBytes,
  signBlinded,
  verifyToken,
} from './ballot-keys.js';
import { RFC9474_VECTORS, type Rfc9474Vector } from './rfc9474-vectors.js';

const SECRET = 'a-test-secret-of-enough-length-123456';

const big = (hex: string) => BigInt(`0x${hex}`);
const bytes = (hex: string) => Buffer.from(hex, 'hex');

/** A non-negative integer as unpadded big-endian bytes, base64url: how JWK writes RSA numbers. */
function jwkNumber(value: bigint): string {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex').toString('base64url');
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return ((oldS % m) + m) % m;
}

/** The vector's private key (given as p, q, d, e, n) as a KeyObject, with the CRT values computed. */
function privateKeyOf(v: Rfc9474Vector): KeyObject {
  const [p, q, d] = [big(v.p), big(v.q), big(v.d)];
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'RSA',
      n: jwkNumber(big(v.n)),
      e: jwkNumber(big(v.e)),
      d: jwkNumber(d),
      p: jwkNumber(p),
      q: jwkNumber(q),
      dp: jwkNumber(d % (p - 1n)),
      dq: jwkNumber(d % (q - 1n)),
      qi: jwkNumber(modInverse(q, p)),
    },
  });
}

/** The public key as the server stores a ballot's: SPKI DER, base64url. */
const publicKeyOf = (key: KeyObject) =>
  createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64url');

describe.each(RFC9474_VECTORS)('RFC 9474 $section, $name, through the server’s own code', (v) => {
  const key = privateKeyOf(v);
  const ballotId = `rfc9474-${v.section}`;
  const encrypted = encryptPrivateKey(SECRET, ballotId, key);
  const publicKey = publicKeyOf(key);

  it('is a consistent vector: p·q = n, a 4096-bit key, sig = blind_sig · inv mod n', () => {
    const n = big(v.n);
    expect(big(v.p) * big(v.q)).toBe(n);
    expect(modulusBytes(key)).toBe(512);
    expect((big(v.blindSig) * big(v.inv)) % n).toBe(big(v.sig));
    expect(v.inputMsg).toBe(v.msgPrefix + v.msg);
    expect(bytes(v.salt).length).toBe(v.saltLength);
  });

  it('signBlinded turns the blinded message into exactly the RFC’s blind signature', () => {
    const blindSig = signBlinded(SECRET, ballotId, encrypted, bytes(v.blindedMsg));
    expect(blindSig.toString('hex')).toBe(v.blindSig);
  });

  it('verifyToken accepts the final signature over the prepared message, with the variant’s salt length', () => {
    expect(verifyToken(publicKey, bytes(v.inputMsg), bytes(v.sig), v.saltLength)).toBe(true);
  });

  it('verifyToken refuses it with the other salt length, over another message, or altered', () => {
    const otherSalt = v.saltLength === 0 ? BALLOT_SALT_LENGTH : 0;
    expect(verifyToken(publicKey, bytes(v.inputMsg), bytes(v.sig), otherSalt)).toBe(false);
    const message = bytes(v.inputMsg);
    message[message.length - 1] = (message[message.length - 1] ?? 0) ^ 1;
    expect(verifyToken(publicKey, message, bytes(v.sig), v.saltLength)).toBe(false);
    const sig = bytes(v.sig);
    sig[100] = (sig[100] ?? 0) ^ 1;
    expect(verifyToken(publicKey, bytes(v.inputMsg), sig, v.saltLength)).toBe(false);
    expect(verifyToken(publicKey, bytes(v.inputMsg), bytes(v.sig).subarray(0, 256), v.saltLength)).toBe(
      false,
    );
  });
});

describe('the blinded message must be exactly the modulus length of the ballot’s key', () => {
  const vector = RFC9474_VECTORS[0] as Rfc9474Vector;
  const key = privateKeyOf(vector);
  const encrypted = encryptPrivateKey(SECRET, 'rfc9474-sizes', key);

  function refusal(sign: () => Buffer): AppError {
    try {
      sign();
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('signed a blinded message of the wrong size');
  }

  it('refuses a 2048-bit-sized message for the 4096-bit key, saying which size it wants', () => {
    const error = refusal(() => signBlinded(SECRET, 'rfc9474-sizes', encrypted, Buffer.alloc(256, 1)));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('must be 512 bytes');
    expect(error.message).toContain('4096-bit');
    expect(error.message).toContain('it is 256');
    const padded = Buffer.concat([Buffer.alloc(1), bytes(vector.blindedMsg)]);
    expect(refusal(() => signBlinded(SECRET, 'rfc9474-sizes', encrypted, padded)).message).toContain(
      'it is 513',
    );
  });

  it('refuses a 4096-bit-sized message for a new ballot key, which stays 2048-bit', async () => {
    const keys = await createBallotKeys(SECRET, 'rfc9474-ballot');
    const ballotKey = createPublicKey({
      key: Buffer.from(keys.publicKey, 'base64url'),
      format: 'der',
      type: 'spki',
    });
    expect(modulusBytes(ballotKey) * 8).toBe(BALLOT_KEY_BITS);
    const error = refusal(() =>
      signBlinded(SECRET, 'rfc9474-ballot', keys.encryptedPrivateKey, bytes(vector.blindedMsg)),
    );
    expect(error.message).toContain('must be 256 bytes');
    expect(error.message).toContain('2048-bit');
  });
});
