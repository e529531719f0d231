import type { Team, TeamSummary } from '@kintsugi/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../errors/app-error.js';
import { abilities } from '../../policies/abilities.js';
import { authorize, policies } from '../../policies/policies.js';

/** Loads a team of the actor's organisation that the actor may read; not-found for anything else. */
export async function loadTeam(db: Kysely<Database>, actor: Actor, teamId: string): Promise<Team> {
  const team = await db
    .selectFrom('teams as t')
    .leftJoin('people as l', 'l.id', 't.leader_id')
    .select(['t.id', 't.name', 't.created_at', 't.leader_id', 'l.name as leaderName'])
    .where('t.id', '=', teamId)
    .where('t.organization_id', '=', actor.organizationId)
    .executeTakeFirst();
  if (!team) throw notFound('team');
  const members = await db
    .selectFrom('team_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'p.email'])
    .where('m.team_id', '=', teamId)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  const memberIds = members.map((m) => m.id);
  // Someone outside the team learns nothing about it, not even that it exists.
  if (!policies.readTeam(actor, { leaderId: team.leader_id, memberIds })) throw notFound('team');
  return {
    ...presentTeamSummary(actor, { ...team, memberCount: members.length }),
    members,
  };
}

export function presentTeamSummary(
  actor: Actor,
  row: {
    id: string;
    name: string;
    created_at: string;
    leader_id: string | null;
    leaderName: string | null;
    memberCount: number | string | bigint;
  },
): TeamSummary {
  return {
    id: row.id,
    name: row.name,
    leader: row.leader_id && row.leaderName !== null ? { id: row.leader_id, name: row.leaderName } : null,
    memberCount: Number(row.memberCount),
    createdAt: row.created_at,
    abilities: abilities.team(actor, { leaderId: row.leader_id }),
  };
}

export function assertCanManageTeams(actor: Actor): void {
  authorize(policies.manageTeams(actor), 'Only admins can change teams.');
}
