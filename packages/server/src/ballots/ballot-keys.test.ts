import { webcrypto } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import {
  type BallotKeys,
  createBallotKeys,
  decryptPrivateKey,
  signBlinded,
  verifyToken,
} from './ballot-keys.js';

const SECRET = 'a-test-secret-of-enough-length-123456';
const suite = RSABSSA.SHA384.PSS.Randomized();

async function importPublic(keys: BallotKeys) {
  return webcrypto.subtle.importKey(
    'spki',
    Buffer.from(keys.publicKey, 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
}

describe('ballot keys and blind signatures (RFC 9474)', () => {
  let keys: BallotKeys;
  beforeAll(async () => {
    keys = await createBallotKeys(SECRET, 'ballot-1');
  });

  it('keeps the private key encrypted: no PEM, no DER header in the stored form', () => {
    expect(keys.encryptedPrivateKey.startsWith('v1.')).toBe(true);
    expect(keys.encryptedPrivateKey).not.toContain('PRIVATE KEY');
    // PKCS#8 DER of an RSA key starts 30 82 .. 02 01 00; base64url of that prefix must not appear.
    expect(keys.encryptedPrivateKey.slice(3, 10)).not.toBe('MIIEvQI');
  });

  it('signs on the server natively, and the library unblinds and verifies it', async () => {
    const pk = await importPublic(keys);
    const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
    const { blindedMsg, inv } = await suite.blind(pk, prepared);
    const blindSig = signBlinded(SECRET, 'ballot-1', keys.encryptedPrivateKey, Buffer.from(blindedMsg));
    const signature = await suite.finalize(pk, prepared, new Uint8Array(blindSig), inv);
    expect(await suite.verify(pk, signature, prepared)).toBe(true);
    expect(verifyToken(keys.publicKey, Buffer.from(prepared), Buffer.from(signature))).toBe(true);
  });

  it("the library's own blind signature equals the server's, so either side can check the other", async () => {
    const pk = await importPublic(keys);
    const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
    const { blindedMsg } = await suite.blind(pk, prepared);
    const server = signBlinded(SECRET, 'ballot-1', keys.encryptedPrivateKey, Buffer.from(blindedMsg));
    const der = decryptPrivateKey(SECRET, 'ballot-1', keys.encryptedPrivateKey).export({
      type: 'pkcs8',
      format: 'der',
    });
    const sk = await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSA-PSS', hash: 'SHA-384' }, true, [
      'sign',
    ]);
    const library = await suite.blindSign(sk, blindedMsg);
    expect(Buffer.from(library).equals(server)).toBe(true);
  });

  it("rejects tampered tokens, tampered signatures and another ballot's signature", async () => {
    const other = await createBallotKeys(SECRET, 'ballot-2');
    const pk = await importPublic(keys);
    const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
    const { blindedMsg, inv } = await suite.blind(pk, prepared);
    const blindSig = signBlinded(SECRET, 'ballot-1', keys.encryptedPrivateKey, Buffer.from(blindedMsg));
    const signature = Buffer.from(await suite.finalize(pk, prepared, new Uint8Array(blindSig), inv));
    const token = Buffer.from(prepared);
    const flipped = Buffer.from(token);
    flipped[5] = (flipped[5] ?? 0) ^ 1;
    expect(verifyToken(keys.publicKey, flipped, signature)).toBe(false);
    const badSig = Buffer.from(signature);
    badSig[10] = (badSig[10] ?? 0) ^ 1;
    expect(verifyToken(keys.publicKey, token, badSig)).toBe(false);
    expect(verifyToken(other.publicKey, token, signature)).toBe(false);
    expect(verifyToken(keys.publicKey, token, Buffer.alloc(3))).toBe(false);
  });

  it('refuses blinded messages of the wrong size or above the modulus, and a key under the wrong ballot id', () => {
    expect(() => signBlinded(SECRET, 'ballot-1', keys.encryptedPrivateKey, Buffer.alloc(10))).toThrow(
      AppError,
    );
    expect(() => signBlinded(SECRET, 'ballot-1', keys.encryptedPrivateKey, Buffer.alloc(256, 0xff))).toThrow(
      AppError,
    );
    expect(() => signBlinded(SECRET, 'ballot-x', keys.encryptedPrivateKey, Buffer.alloc(256, 1))).toThrow();
    expect(() =>
      signBlinded(
        'another-secret-of-enough-length-000',
        'ballot-z',
        keys.encryptedPrivateKey,
        Buffer.alloc(256, 1),
      ),
    ).toThrow();
  });
});
