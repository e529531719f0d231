import type { BallotInvitation } from '@kintsugi/core';
import { networkError, problemToError } from '../api/api-error';
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

/**
 * The ballot endpoints are public. They are called without cookies (credentials: 'omit'), so even a
 * person who is also signed in to Kintsugi in this browser sends nothing that could identify them.
 */
async function post<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw networkError();
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!response.ok) throw problemToError(response.status, data);
  return data as T;
}

export function fetchInvitation(link: string): Promise<BallotInvitation> {
  return post<BallotInvitation>('/api/v1/ballot/invitation', { link });
}

export function requestBlindSignature(
  link: string,
  blindedMessage: string,
): Promise<{ blindSignature: string }> {
  return post('/api/v1/ballot/issue', { link, blindedMessage });
}

export interface AnswerToSend {
  questionId: string;
  text: string;
}

/** Carries only the reply key and the answers: no link, no cookie. */
export async function submitAnswers(key: ReplyKey, answers: AnswerToSend[], name?: string): Promise<void> {
  await post('/api/v1/ballot/answers', { ...key, answers, ...(name ? { name } : {}) });
}

export function fetchThread(key: ReplyKey): Promise<{ answers: ThreadAnswer[] }> {
  return post('/api/v1/ballot/thread', key);
}

export async function sendThreadReply(key: ReplyKey, questionId: string, text: string): Promise<void> {
  await post('/api/v1/ballot/thread/reply', { ...key, questionId, text });
}
