import type { BallotSubmission, PulseAnswerInput, PulseInvitation } from '@kintsugi/core';
import { postPublic } from '../../api/public-post';
import type { BlindToken } from '../../ballot/blind-signature';
import type { BallotSender } from '../../ballot/send-ballot';

// The pulse's public endpoints: no account and no cookie; the link secret travels only in request bodies.

export function fetchPulseInvitation(link: string): Promise<PulseInvitation> {
  return postPublic<PulseInvitation>('/api/v1/pulse/invitation', { link });
}

/** What a person sends to a pulse, and what this browser keeps of it until it is stored. */
export interface PulseAnswers {
  ratings: PulseAnswerInput['ratings'];
  comment: string;
}

function isPulseAnswers(value: unknown): value is PulseAnswers {
  if (typeof value !== 'object' || value === null) return false;
  const { ratings, comment } = value as Record<string, unknown>;
  return (
    typeof comment === 'string' &&
    Array.isArray(ratings) &&
    ratings.every(
      (r: unknown) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as Record<string, unknown>).itemId === 'string' &&
        typeof (r as Record<string, unknown>).value === 'number',
    )
  );
}

/** A pulse as a ballot: the token is asked for with the link, the ratings go with the token alone. */
export function pulseSender(link: string, invitation: PulseInvitation): BallotSender<PulseAnswers> {
  const pulseId = invitation.pulseId;
  return {
    kind: 'pulse',
    ballotId: pulseId,
    publicKey: invitation.publicKey,
    issue: async (blindedMessage) =>
      (await postPublic<{ blindSignature: string }>('/api/v1/pulse/issue', { link, blindedMessage }))
        .blindSignature,
    submit: (token, { ratings, comment }) =>
      postPublic<BallotSubmission>('/api/v1/pulse/answers', {
        pulseId,
        ...token,
        ratings,
        ...(comment ? { comment } : {}),
      }),
    isAnswers: isPulseAnswers,
  };
}

// Once the answers are stored, this browser remembers only that it answered this pulse, nothing of the answers.

const STORAGE_PREFIX = 'kintsugi.pulse.';

/** A token this browser took when pulse links still took theirs on opening, and never spent (then or now). */
export function legacyToken(pulseId: string): BlindToken | null {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + pulseId);
    const value = raw ? (JSON.parse(raw) as { state?: unknown; token?: Partial<BlindToken> }) : null;
    const token = value?.state === 'token' ? value.token : undefined;
    return typeof token?.token === 'string' && typeof token.signature === 'string'
      ? { token: token.token, signature: token.signature }
      : null;
  } catch {
    return null;
  }
}

export function hasAnswered(pulseId: string): boolean {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + pulseId);
    return raw !== null && (JSON.parse(raw) as { state?: unknown }).state === 'answered';
  } catch {
    return false;
  }
}

export function rememberAnswered(pulseId: string): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + pulseId, JSON.stringify({ state: 'answered' }));
  } catch {
    // Private browsing or storage turned off: the server still counts each person once.
  }
}
