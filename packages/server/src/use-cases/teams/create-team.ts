import { randomUUID } from 'node:crypto';
import type { Team } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { type Deps, nowIso } from '../deps.js';
import { assertCanManageTeams, loadTeam } from './load-team.js';
import { assertPeopleInOrganization, assertValidLeader, teamNameTaken } from './team-rules.js';

export interface CreateTeamOptions {
  name: string;
  leaderId?: string | null | undefined;
  memberIds?: string[] | undefined;
}

export async function createTeam(deps: Deps, actor: Actor, options: CreateTeamOptions): Promise<Team> {
  assertCanManageTeams(actor);
  const id = randomUUID();
  const createdAt = nowIso(deps);
  const memberIds = [...new Set(options.memberIds ?? [])];
  await deps.db.transaction().execute(async (trx) => {
    if (options.leaderId) await assertValidLeader(trx, actor.organizationId, options.leaderId);
    await assertPeopleInOrganization(trx, actor.organizationId, memberIds, 'memberIds');
    // ON CONFLICT rather than a caught unique violation, which PostgreSQL would write to its log with the name.
    const inserted = await trx
      .insertInto('teams')
      .values({
        id,
        organization_id: actor.organizationId,
        name: options.name,
        name_key: options.name.toLowerCase(),
        leader_id: options.leaderId ?? null,
        created_at: createdAt,
      })
      .onConflict((oc) => oc.columns(['organization_id', 'name_key']).doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows === 0n) throw teamNameTaken(options.name);
    if (memberIds.length > 0) {
      await trx
        .insertInto('team_members')
        .values(memberIds.map((personId) => ({ team_id: id, person_id: personId, created_at: createdAt })))
        .execute();
    }
  });
  return loadTeam(deps.db, actor, id);
}
