import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  hkdfSync,
  type KeyObject,
  privateDecrypt,
  randomBytes,
  verify,
} from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../errors/app-error.js';

const generate = promisify(generateKeyPair);
/** The size of every new ballot key. Signing and verifying take the size from the key itself. */
export const BALLOT_KEY_BITS = 2048;
/** RSABSSA-SHA384-PSS-*: the salt is as long as a SHA-384 hash. The PSSZERO variants of RFC 9474 use 0. */
export const BALLOT_SALT_LENGTH = 48;

/** The length in bytes of an RSA key's modulus: of every blinded message, blind signature and signature. */
export function modulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined;
  if (bits === undefined) throw new Error('A ballot key must be an RSA key.');
  return Math.ceil(bits / 8);
}

export interface BallotKeys {
  /** SPKI DER, base64url: what browsers import to blind and verify. */
  publicKey: string;
  /** PKCS#8 DER encrypted with AES-256-GCM under a key derived from the server secret, bound to the ballot id. */
  encryptedPrivateKey: string;
}

function wrappingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'kintsugi', 'ballot private key v1', 32));
}

/** A fresh RSA key pair for one ballot (RFC 9474, RSABSSA-SHA384-PSS-Randomized). */
export async function createBallotKeys(secret: string, ballotId: string): Promise<BallotKeys> {
  const { publicKey, privateKey } = await generate('rsa', {
    modulusLength: BALLOT_KEY_BITS,
    publicExponent: 65537,
  });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
    encryptedPrivateKey: encryptPrivateKey(secret, ballotId, privateKey),
  };
}

/** Wraps a ballot's private key for storage: AES-256-GCM under the server secret, bound to the ballot id. */
export function encryptPrivateKey(secret: string, ballotId: string, privateKey: KeyObject): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret), iv);
  cipher.setAAD(Buffer.from(ballotId));
  const body = Buffer.concat([
    cipher.update(privateKey.export({ type: 'pkcs8', format: 'der' })),
    cipher.final(),
  ]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

// Decrypting and parsing a key costs more than signing with it; a round signs once per invited person.
const privateKeys = new Map<string, KeyObject>();

function privateKeyOf(secret: string, ballotId: string, encrypted: string): KeyObject {
  const cached = privateKeys.get(ballotId);
  if (cached) return cached;
  const key = decryptPrivateKey(secret, ballotId, encrypted);
  if (privateKeys.size > 200) privateKeys.clear();
  privateKeys.set(ballotId, key);
  return key;
}

/** Unwraps a ballot's private key; fails if the secret or the ballot id is not the one it was wrapped with. */
export function decryptPrivateKey(secret: string, ballotId: string, encrypted: string): KeyObject {
  const packed = Buffer.from(encrypted.replace(/^v1\./, ''), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', wrappingKey(secret), packed.subarray(0, 12));
  decipher.setAAD(Buffer.from(ballotId));
  decipher.setAuthTag(packed.subarray(12, 28));
  const der = Buffer.concat([decipher.update(packed.subarray(28)), decipher.final()]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/**
 * RFC 9474 BlindSign: the raw RSA private operation s = m^d mod n on the blinded message, done by OpenSSL.
 * The server never sees the message it signs, so it cannot later recognise the token.
 */
export function signBlinded(
  secret: string,
  ballotId: string,
  encryptedPrivateKey: string,
  blindedMessage: Buffer,
): Buffer {
  return blindSign(privateKeyOf(secret, ballotId, encryptedPrivateKey), blindedMessage);
}

/** BlindSign with the private key in hand; the blinded message must be exactly as long as the key's modulus. */
export function blindSign(privateKey: KeyObject, blindedMessage: Buffer): Buffer {
  const bytes = modulusBytes(privateKey);
  if (blindedMessage.length !== bytes) {
    throw new AppError(
      'invalid_input',
      `The blinded message must be ${bytes} bytes, the size of this ballot's ${bytes * 8}-bit key; ` +
        `it is ${blindedMessage.length}. Blind the token with the key this ballot gave you.`,
      { errors: [{ path: 'blindedMessage', message: `Must encode exactly ${bytes} bytes.` }] },
    );
  }
  try {
    return privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, blindedMessage);
  } catch {
    // OpenSSL refuses a value not below the modulus: not a blinded message made with this ballot's key.
    throw new AppError('invalid_input', "The blinded message does not fit this ballot's key.", {
      errors: [{ path: 'blindedMessage', message: 'Not a blinded message for this ballot.' }],
    });
  }
}

// Parsing the key costs several times more than one verification; every answer of a round uses the same key.
const publicKeys = new Map<string, KeyObject>();
function publicKeyOf(encoded: string): KeyObject {
  let key = publicKeys.get(encoded);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(encoded, 'base64url'), format: 'der', type: 'spki' });
    if (publicKeys.size > 200) publicKeys.clear();
    publicKeys.set(encoded, key);
  }
  return key;
}

/**
 * Verifies an unblinded token: a standard RSASSA-PSS (SHA-384, MGF1-SHA-384) signature over the prepared message.
 * Ballots use a 48-byte salt; `saltLength` 0 checks the PSSZERO variants of RFC 9474.
 */
export function verifyToken(
  publicKey: string,
  token: Buffer,
  signature: Buffer,
  saltLength: number = BALLOT_SALT_LENGTH,
): boolean {
  try {
    const key = publicKeyOf(publicKey);
    if (signature.length !== modulusBytes(key)) return false;
    return verify('sha384', token, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
  } catch {
    return false;
  }
}
