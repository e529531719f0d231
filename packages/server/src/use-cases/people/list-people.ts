import type { Person } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { authorize, policies } from '../../policies/policies.js';
import type { Deps } from '../deps.js';
import { presentPerson } from './present-person.js';

export async function listPeople(deps: Deps, actor: Actor): Promise<Person[]> {
  authorize(policies.readPeople(actor), 'Only admins can see the list of people.');
  const rows = await deps.db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'role', 'user_id', 'created_at'])
    .where('organization_id', '=', actor.organizationId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const memberships = await deps.db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select(['m.person_id', 'm.team_id'])
    .where('t.organization_id', '=', actor.organizationId)
    .execute();
  const teamsOf = new Map<string, string[]>();
  for (const m of memberships) {
    const list = teamsOf.get(m.person_id) ?? [];
    list.push(m.team_id);
    teamsOf.set(m.person_id, list);
  }
  return rows.map((row) => presentPerson(row, (teamsOf.get(row.id) ?? []).sort()));
}
