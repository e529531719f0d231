import type { TeamSummary } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { policies } from '../../policies/policies.js';
import type { Deps } from '../deps.js';
import { presentTeamSummary } from './load-team.js';

export async function listTeams(deps: Deps, actor: Actor): Promise<TeamSummary[]> {
  let query = deps.db
    .selectFrom('teams as t')
    .leftJoin('people as l', 'l.id', 't.leader_id')
    .select((eb) => [
      't.id',
      't.name',
      't.created_at',
      't.leader_id',
      'l.name as leaderName',
      eb
        .selectFrom('team_members as c')
        .select((c) => c.fn.countAll().as('n'))
        .whereRef('c.team_id', '=', 't.id')
        .as('memberCount'),
    ])
    .where('t.organization_id', '=', actor.organizationId);
  if (!policies.readAllTeams(actor)) {
    query = query.where((eb) =>
      eb.or([
        eb('t.leader_id', '=', actor.personId),
        eb.exists(
          eb
            .selectFrom('team_members as m')
            .select('m.team_id')
            .whereRef('m.team_id', '=', 't.id')
            .where('m.person_id', '=', actor.personId),
        ),
      ]),
    );
  }
  const rows = await query.orderBy('t.name').orderBy('t.id').execute();
  return rows.map((row) => presentTeamSummary(actor, { ...row, memberCount: row.memberCount ?? 0 }));
}
