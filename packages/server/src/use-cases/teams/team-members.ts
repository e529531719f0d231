import type { Team } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { notFound } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { assertCanManageTeams, loadTeam } from './load-team.js';
import { assertPeopleInOrganization } from './team-rules.js';

/** Adds a person to a team; adding someone already in it changes nothing. */
export async function addTeamMember(
  deps: Deps,
  actor: Actor,
  teamId: string,
  personId: string,
): Promise<Team> {
  assertCanManageTeams(actor);
  const team = await loadTeam(deps.db, actor, teamId);
  await assertPeopleInOrganization(deps.db, actor.organizationId, [personId], 'personId');
  if (!team.members.some((m) => m.id === personId)) {
    await deps.db
      .insertInto('team_members')
      .values({ team_id: teamId, person_id: personId, created_at: nowIso(deps) })
      .onConflict((oc) => oc.columns(['team_id', 'person_id']).doNothing())
      .execute();
  }
  return loadTeam(deps.db, actor, teamId);
}

export async function removeTeamMember(
  deps: Deps,
  actor: Actor,
  teamId: string,
  personId: string,
): Promise<Team> {
  assertCanManageTeams(actor);
  const team = await loadTeam(deps.db, actor, teamId);
  if (!team.members.some((m) => m.id === personId)) throw notFound('member of this team');
  await deps.db
    .deleteFrom('team_members')
    .where('team_id', '=', teamId)
    .where('person_id', '=', personId)
    .execute();
  return loadTeam(deps.db, actor, teamId);
}
