import type { BallotInvitation } from '@kintsugi/core';
import { postPublic } from '../api/public-post';
import type { ReplyKey } from './reply-key';

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

export function requestBlindSignature(
  link: string,
  blindedMessage: string,
): Promise<{ blindSignature: string }> {
  return postPublic('/api/v1/ballot/issue', { link, blindedMessage });
}

export interface AnswerToSend {
  questionId: string;
  text: string;
}

/** Carries only the reply key and the answers: no link, no cookie. */
export async function submitAnswers(key: ReplyKey, answers: AnswerToSend[], name?: string): Promise<void> {
  await postPublic('/api/v1/ballot/answers', { ...key, answers, ...(name ? { name } : {}) });
}

export function fetchThread(key: ReplyKey): Promise<{ answers: ThreadAnswer[] }> {
  return postPublic('/api/v1/ballot/thread', key);
}

export async function sendThreadReply(key: ReplyKey, questionId: string, text: string): Promise<void> {
  await postPublic('/api/v1/ballot/thread/reply', { ...key, questionId, text });
}
