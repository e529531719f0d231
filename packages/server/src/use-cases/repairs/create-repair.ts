import { randomUUID } from 'node:crypto';
import { type BreachKind, DEFAULT_QUESTIONS, type Repair } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { AppError } from '../../errors/app-error.js';
import { authorize, policies } from '../../policies/policies.js';
import { type Deps, nowIso } from '../deps.js';
import { loadRepair } from './load-repair.js';

export interface OpenRepairOptions {
  teamId: string;
  title: string;
  description: string;
  breachKinds: BreachKind[];
  affectedIds?: string[] | undefined;
}

export const ROUND_DAYS = 14;

/** Opens a repair for a team, with a draft listening round holding the three sincere questions. */
export async function openRepair(deps: Deps, actor: Actor, options: OpenRepairOptions): Promise<Repair> {
  const team = await deps.db
    .selectFrom('teams')
    .select(['id', 'leader_id'])
    .where('id', '=', options.teamId)
    .where('organization_id', '=', actor.organizationId)
    .executeTakeFirst();
  if (!team) {
    throw new AppError('invalid_input', 'The team must be a team of your organisation.', {
      errors: [{ path: 'teamId', message: 'No team with this id exists in your organisation.' }],
    });
  }
  authorize(
    policies.openRepair(actor, { leaderId: team.leader_id }),
    "Only the team's leader or an admin can open a repair for it.",
  );
  if (!team.leader_id)
    throw new AppError('invalid_input', 'This team has no leader yet. Give it a leader first.');
  const members = (
    await deps.db.selectFrom('team_members').select('person_id').where('team_id', '=', team.id).execute()
  ).map((m) => m.person_id);
  // The leader listens; they are never among the people invited to answer about their own breach.
  const affected = [...new Set(options.affectedIds ?? members.filter((id) => id !== team.leader_id))];
  if (affected.includes(team.leader_id ?? '')) {
    throw new AppError(
      'invalid_input',
      'The leader cannot be among the people affected: they are the one listening.',
      {
        errors: [{ path: 'affectedIds', message: "Remove the team's leader from this list." }],
      },
    );
  }
  const outside = affected.filter((id) => !members.includes(id));
  if (outside.length > 0) {
    throw new AppError('invalid_input', 'Everyone affected must be a member of the team.', {
      errors: outside.map((id) => ({ path: 'affectedIds', message: `${id} is not a member of this team.` })),
    });
  }
  if (affected.length === 0)
    throw new AppError('invalid_input', 'The team has no members yet. Add the people affected first.');

  const id = randomUUID();
  const now = nowIso(deps);
  const closesOn = new Date(deps.now().getTime() + ROUND_DAYS * 86_400_000).toISOString().slice(0, 10);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('repairs')
      .values({
        id,
        organization_id: actor.organizationId,
        team_id: team.id,
        leader_id: team.leader_id as string,
        title: options.title,
        description: options.description,
        breach_kinds: JSON.stringify([...new Set(options.breachKinds)]),
        stage: 'open',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('repair_people')
      .values(affected.map((personId) => ({ repair_id: id, person_id: personId })))
      .execute();
    await trx
      .insertInto('rounds')
      .values({
        id: randomUUID(),
        repair_id: id,
        status: 'draft',
        questions: JSON.stringify(DEFAULT_QUESTIONS),
        forecast: '{}',
        closes_on: closesOn,
        opened_on: null,
        public_key: null,
        private_key: null,
        created_at: now,
      })
      .execute();
  });
  return loadRepair(deps.db, actor, id);
}
