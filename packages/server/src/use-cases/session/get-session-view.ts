import type { Session } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { abilities } from '../../policies/abilities.js';
import type { Deps } from '../deps.js';

export async function getSessionView(deps: Deps, actor: Actor, csrfToken: string): Promise<Session> {
  const row = await deps.db
    .selectFrom('people as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select(['u.id', 'u.email', 'u.name', 'o.id as orgId', 'o.name as orgName'])
    .where('p.id', '=', actor.personId)
    .executeTakeFirstOrThrow();
  const led = await deps.db
    .selectFrom('teams')
    .select('leader_id as leaderId')
    .where('organization_id', '=', actor.organizationId)
    .where('leader_id', '=', actor.personId)
    .execute();
  return {
    user: { id: row.id, email: row.email, name: row.name },
    person: { id: actor.personId },
    organization: { id: row.orgId, name: row.orgName },
    role: actor.role,
    abilities: abilities.session(actor, led),
    csrfToken,
  };
}
