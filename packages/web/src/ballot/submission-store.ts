import type { BlindedToken } from './blind-signature';

export type BallotKind = 'round' | 'pulse' | 'witness';

/**
 * What this browser keeps of one anonymous submission until the server says it is stored: the blinded token
 * (saved before the signature is asked for, so a retry sends the very same blinded message), the signature once
 * unblinded, and the answers themselves. It never holds the personal link.
 */
export interface SavedSubmission<A> {
  blinded: BlindedToken;
  /** The unblinded signature, once the ballot has signed. */
  signature: string | null;
  answers: A;
  /** The answers were sent at least once (the response may have been lost): a check sends them again if needed. */
  attempted: boolean;
  /** The server has acknowledged the answers ('pending'): from then on they are resent as they were. */
  received: boolean;
}

const PREFIX = 'kintsugi.submission.';
const storageKey = (kind: BallotKind, ballotId: string) => `${PREFIX}${kind}.${ballotId}`;

// A copy in memory too: with storage turned off (private browsing), a retry in this tab still reuses the token.
const memory = new Map<string, string>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isBlinded(value: unknown): value is BlindedToken {
  return (
    isRecord(value) &&
    typeof value.token === 'string' &&
    typeof value.blindedMessage === 'string' &&
    typeof value.inverse === 'string'
  );
}

export function loadSubmission<A>(
  kind: BallotKind,
  ballotId: string,
  isAnswers: (value: unknown) => value is A,
): SavedSubmission<A> | null {
  const key = storageKey(kind, ballotId);
  let raw: string | null = memory.get(key) ?? null;
  try {
    raw = localStorage.getItem(key) ?? raw;
  } catch {
    // Storage unavailable: the copy in memory is all there is.
  }
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!isRecord(value) || !isBlinded(value.blinded) || !isAnswers(value.answers)) return null;
    return {
      blinded: value.blinded,
      signature: typeof value.signature === 'string' ? value.signature : null,
      answers: value.answers,
      attempted: value.attempted === true,
      received: value.received === true,
    };
  } catch {
    return null;
  }
}

export function saveSubmission<A>(kind: BallotKind, ballotId: string, saved: SavedSubmission<A>): void {
  const key = storageKey(kind, ballotId);
  const raw = JSON.stringify(saved);
  memory.set(key, raw);
  try {
    localStorage.setItem(key, raw);
  } catch {
    // Kept in memory for this tab; the page says it keeps a copy only while it is open.
  }
}

/** Once the server says 'stored', nothing of the submission stays in this browser. */
export function clearSubmission(kind: BallotKind, ballotId: string): void {
  const key = storageKey(kind, ballotId);
  memory.delete(key);
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing was stored there.
  }
}
