/**
 * A reply key is what proves a right to answer (and later to read follow-up questions): the round,
 * the prepared token and its unblinded signature. It never names the person, and the server cannot
 * link it to the personal link that obtained it.
 */
export interface ReplyKey {
  roundId: string;
  token: string;
  signature: string;
}

const PREFIX = 'kintsugi-reply-v1';
const STORAGE_PREFIX = 'kintsugi.reply-key.';
const PART = /^[A-Za-z0-9_-]+$/;

/** One line a person can copy, save and paste on another device. */
export function formatReplyKey(key: ReplyKey): string {
  return [PREFIX, key.roundId, key.token, key.signature].join('.');
}

/** Reads a pasted reply key; null when it is not one (whitespace and line breaks are forgiven). */
export function parseReplyKey(text: string): ReplyKey | null {
  const parts = text.replace(/\s+/g, '').split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  const [, roundId = '', token = '', signature = ''] = parts;
  if (!roundId || !PART.test(roundId) || !PART.test(token) || !PART.test(signature)) return null;
  return { roundId, token, signature };
}

export function saveReplyKey(key: ReplyKey): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + key.roundId, formatReplyKey(key));
  } catch {
    // Private browsing or storage turned off: the person still sees the key to save themselves.
  }
}

export function loadReplyKey(roundId: string): ReplyKey | null {
  try {
    const stored = localStorage.getItem(STORAGE_PREFIX + roundId);
    const key = stored ? parseReplyKey(stored) : null;
    return key?.roundId === roundId ? key : null;
  } catch {
    return null;
  }
}
