import type { Team } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { isUniqueViolation } from '../../db/database.js';
import type { Deps } from '../deps.js';
import { assertCanManageTeams, loadTeam } from './load-team.js';
import { assertValidLeader, teamNameTaken } from './team-rules.js';

export async function updateTeam(
  deps: Deps,
  actor: Actor,
  teamId: string,
  changes: { name?: string | undefined; leaderId?: string | null | undefined },
): Promise<Team> {
  assertCanManageTeams(actor);
  await loadTeam(deps.db, actor, teamId);
  await deps.db.transaction().execute(async (trx) => {
    if (changes.leaderId) await assertValidLeader(trx, actor.organizationId, changes.leaderId);
    try {
      await trx
        .updateTable('teams')
        .set({
          name: changes.name,
          name_key: changes.name?.toLowerCase(),
          leader_id: changes.leaderId,
        })
        .where('id', '=', teamId)
        .where('organization_id', '=', actor.organizationId)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error) && changes.name) throw teamNameTaken(changes.name);
      throw error;
    }
  });
  return loadTeam(deps.db, actor, teamId);
}
