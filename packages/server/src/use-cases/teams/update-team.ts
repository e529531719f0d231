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
    // Checked first, so that a taken name is refused without a unique violation in PostgreSQL's log.
    if (changes.name) {
      const taken = await trx
        .selectFrom('teams')
        .select('id')
        .where('organization_id', '=', actor.organizationId)
        .where('name_key', '=', changes.name.toLowerCase())
        .where('id', '!=', teamId)
        .executeTakeFirst();
      if (taken) throw teamNameTaken(changes.name);
    }
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
      // Only a concurrent rename between the check and this update gets here (an UPDATE has no ON CONFLICT).
      if (isUniqueViolation(error) && changes.name) throw teamNameTaken(changes.name);
      throw error;
    }
  });
  return loadTeam(deps.db, actor, teamId);
}
