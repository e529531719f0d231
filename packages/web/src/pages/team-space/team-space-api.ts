import type { TeamSpace } from '@kintsugi/core';
import { postPublic } from '../../api/public-post';

export type { TeamSpace };
export type SpaceCommitment = TeamSpace['commitments'][number];
export type SpaceTheme = TeamSpace['themes'][number];
export type SpaceRecord = TeamSpace['record'];
export type SpaceOccurrence = SpaceCommitment['occurrences'][number];

/**
 * Opens the team space a personal link leads to. Like the ballot, it is public: sent without cookies
 * (credentials: 'omit') and without a referrer, and the secret travels only in the request body.
 */
export function fetchTeamSpace(link: string): Promise<TeamSpace> {
  return postPublic<TeamSpace>('/api/v1/team-space', { link });
}
