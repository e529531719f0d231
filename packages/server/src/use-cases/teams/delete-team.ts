import type { Actor } from '../../auth/actor.js';
import type { Deps } from '../deps.js';
import { assertCanManageTeams, loadTeam } from './load-team.js';

/** Deletes a team and its memberships; the people stay in the organisation. */
export async function deleteTeam(deps: Deps, actor: Actor, teamId: string): Promise<void> {
  assertCanManageTeams(actor);
  await loadTeam(deps.db, actor, teamId);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
    await trx
      .deleteFrom('teams')
      .where('id', '=', teamId)
      .where('organization_id', '=', actor.organizationId)
      .execute();
  });
}
