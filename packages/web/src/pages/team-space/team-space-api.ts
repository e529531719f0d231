import type { TeamSpace } from '@kintsugi/core';
import { networkError, problemToError } from '../../api/api-error';

export type { TeamSpace };
export type SpaceCommitment = TeamSpace['commitments'][number];
export type SpaceTheme = TeamSpace['themes'][number];
export type SpaceRecord = TeamSpace['record'];
export type SpaceOccurrence = SpaceCommitment['occurrences'][number];

/**
 * Opens the team space a personal link leads to. Like the ballot, it is public: sent without cookies
 * (credentials: 'omit') and without a referrer, and the secret travels only in the request body.
 */
export async function fetchTeamSpace(link: string): Promise<TeamSpace> {
  let response: Response;
  try {
    response = await fetch('/api/v1/team-space', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ link }),
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
  return data as TeamSpace;
}
