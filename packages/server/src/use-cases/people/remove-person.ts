import type { Actor } from '../../auth/actor.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { authorize, policies } from '../../policies/policies.js';
import type { Deps } from '../deps.js';
import { assertAnotherAdminRemains } from './last-admin.js';

/** Removes a person from the organisation, their team memberships, and their account if it is used nowhere else. */
export async function removePerson(deps: Deps, actor: Actor, personId: string): Promise<void> {
  authorize(policies.managePeople(actor), 'Only admins can remove people.');
  if (personId === actor.personId) {
    throw new AppError('cannot_remove_self', 'You cannot remove yourself. Ask another admin to do it.');
  }
  await deps.db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('people')
      .select(['id', 'role', 'user_id'])
      .where('id', '=', personId)
      .where('organization_id', '=', actor.organizationId)
      .executeTakeFirst();
    if (!person) throw notFound('person');
    if (person.role === 'admin') await assertAnotherAdminRemains(trx, actor.organizationId, personId);
    await trx.deleteFrom('team_members').where('person_id', '=', personId).execute();
    await trx.updateTable('teams').set({ leader_id: null }).where('leader_id', '=', personId).execute();
    await trx.deleteFrom('people').where('id', '=', personId).execute();
    if (person.user_id) {
      await trx
        .deleteFrom('sessions')
        .where('user_id', '=', person.user_id)
        .where('organization_id', '=', actor.organizationId)
        .execute();
      await trx
        .deleteFrom('api_tokens')
        .where('user_id', '=', person.user_id)
        .where('organization_id', '=', actor.organizationId)
        .execute();
      const elsewhere = await trx
        .selectFrom('people')
        .select('id')
        .where('user_id', '=', person.user_id)
        .executeTakeFirst();
      if (!elsewhere) await trx.deleteFrom('users').where('id', '=', person.user_id).execute();
    }
  });
}
