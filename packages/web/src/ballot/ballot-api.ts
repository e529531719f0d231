import type { BallotInvitation, BallotSubmission } from '@kintsugi/core';
import { postPublic } from '../api/public-post';
import type { ReplyKey } from './reply-key';
import type { BallotSender } from './send-ballot';

export type { BallotInvitation };

export interface ThreadFollowUp {
  from: 'leader' | 'author';
  text: string;
  createdOn: string;
}

export interface ThreadAnswer {
  questionId: string;
  text: string;
  followUps: ThreadFollowUp[];
}

export function fetchInvitation(link: string): Promise<BallotInvitation> {
  return postPublic<BallotInvitation>('/api/v1/ballot/invitation', { link });
}

export interface AnswerToSend {
  questionId: string;
  text: string;
}

/** What a person sends to a listening round, and what this browser keeps of it until it is stored. */
export interface RoundAnswers {
  answers: AnswerToSend[];
  /** Only when they chose to answer with their name. */
  name: string | null;
}

function isRoundAnswers(value: unknown): value is RoundAnswers {
  if (typeof value !== 'object' || value === null) return false;
  const { answers, name } = value as Record<string, unknown>;
  return (
    Array.isArray(answers) &&
    answers.every(
      (a: unknown) =>
        typeof a === 'object' &&
        a !== null &&
        typeof (a as Record<string, unknown>).questionId === 'string' &&
        typeof (a as Record<string, unknown>).text === 'string',
    ) &&
    (name === null || typeof name === 'string')
  );
}

/** A listening round as a ballot: the token is asked for with the link, the answers go with the token alone. */
export function roundSender(link: string, invitation: BallotInvitation): BallotSender<RoundAnswers> {
  const roundId = invitation.roundId;
  return {
    kind: 'round',
    ballotId: roundId,
    publicKey: invitation.publicKey,
    issue: async (blindedMessage) =>
      (await postPublic<{ blindSignature: string }>('/api/v1/ballot/issue', { link, blindedMessage }))
        .blindSignature,
    submit: (token, { answers, name }) =>
      postPublic<BallotSubmission>('/api/v1/ballot/answers', {
        roundId,
        ...token,
        answers,
        ...(name ? { name } : {}),
      }),
    isAnswers: isRoundAnswers,
  };
}

/** "This link was used, and not by me": for listening and pulse links alike. Counted, never whose. */
export async function reportLinkUsed(link: string): Promise<void> {
  await postPublic<unknown>('/api/v1/ballot/report', { link });
}

export function fetchThread(key: ReplyKey): Promise<{ answers: ThreadAnswer[] }> {
  return postPublic('/api/v1/ballot/thread', key);
}

export async function sendThreadReply(key: ReplyKey, questionId: string, text: string): Promise<void> {
  await postPublic('/api/v1/ballot/thread/reply', { ...key, questionId, text });
}
