import type { Person, Role } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { authorize, policies } from '../../policies/policies.js';
import type { Deps } from '../deps.js';
import { emailTaken } from './create-person.js';
import { assertAnotherAdminRemains } from './last-admin.js';
import { loadPerson } from './present-person.js';

export interface UpdatePersonOptions {
  name?: string | undefined;
  email?: string | undefined;
  role?: Role | undefined;
}

export async function updatePerson(
  deps: Deps,
  actor: Actor,
  personId: string,
  changes: UpdatePersonOptions,
): Promise<Person> {
  authorize(policies.managePeople(actor), 'Only admins can change people.');
  await deps.db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('people')
      .select(['id', 'role', 'user_id'])
      .where('id', '=', personId)
      .where('organization_id', '=', actor.organizationId)
      .executeTakeFirst();
    if (!person) throw notFound('person');
    if (changes.role !== undefined && changes.role !== 'admin' && person.role === 'admin') {
      await assertAnotherAdminRemains(trx, actor.organizationId, personId);
    }
    if (changes.role !== undefined && !policies.canLeadTeam(changes.role)) {
      const leads = await trx
        .selectFrom('teams')
        .select('name')
        .where('leader_id', '=', personId)
        .executeTakeFirst();
      if (leads) {
        throw new AppError(
          'conflict',
          `This person leads the team "${leads.name}"; choose another leader for it before changing their role.`,
        );
      }
    }
    try {
      await trx
        .updateTable('people')
        .set({ name: changes.name, email: changes.email, role: changes.role })
        .where('id', '=', personId)
        .execute();
      // An account's sign-in email follows the person's email.
      if (person.user_id && (changes.email !== undefined || changes.name !== undefined)) {
        await trx
          .updateTable('users')
          .set({ email: changes.email, name: changes.name })
          .where('id', '=', person.user_id)
          .execute();
      }
    } catch (error) {
      if (isUniqueViolation(error) && changes.email) throw emailTaken(changes.email);
      throw error;
    }
  });
  return loadPerson(deps.db, actor.organizationId, personId);
}
