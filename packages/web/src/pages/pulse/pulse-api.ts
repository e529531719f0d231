import type { PulseAnswerInput, PulseInvitation } from '@kintsugi/core';
import { postPublic } from '../../api/public-post';
import type { BlindToken } from '../../ballot/blind-signature';

// The pulse's public endpoints: no account and no cookie; the link secret travels only in request bodies.

export function fetchPulseInvitation(link: string): Promise<PulseInvitation> {
  return postPublic<PulseInvitation>('/api/v1/pulse/invitation', { link });
}

export async function requestPulseSignature(link: string, blindedMessage: string): Promise<string> {
  const { blindSignature } = await postPublic<{ blindSignature: string }>('/api/v1/pulse/issue', {
    link,
    blindedMessage,
  });
  return blindSignature;
}

/** Carries only the token and the ratings: no link, no cookie, nothing that names the person. */
export async function submitPulseAnswers(
  pulseId: string,
  token: BlindToken,
  ratings: PulseAnswerInput['ratings'],
  comment: string,
): Promise<void> {
  await postPublic('/api/v1/pulse/answers', {
    pulseId,
    token: token.token,
    signature: token.signature,
    ratings,
    ...(comment ? { comment } : {}),
  });
}

// This browser remembers its token for a pulse (so a reload before sending does not waste the link), and
// afterwards only that it answered. Neither says anything about the answers.

const STORAGE_PREFIX = 'kintsugi.pulse.';

type Stored = { state: 'token'; token: BlindToken } | { state: 'answered' };

export function loadPulseState(pulseId: string): Stored | null {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + pulseId);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    if (record.state === 'answered') return { state: 'answered' };
    const token = record.token as Record<string, unknown> | undefined;
    if (record.state === 'token' && typeof token?.token === 'string' && typeof token.signature === 'string')
      return { state: 'token', token: { token: token.token, signature: token.signature } };
    return null;
  } catch {
    return null;
  }
}

export function savePulseState(pulseId: string, value: Stored | null): void {
  try {
    if (value) localStorage.setItem(STORAGE_PREFIX + pulseId, JSON.stringify(value));
    else localStorage.removeItem(STORAGE_PREFIX + pulseId);
  } catch {
    // Private browsing or storage turned off: answering still works in this tab.
  }
}
