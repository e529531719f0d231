import type { Person, Role } from '@kintsugi/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { isUniqueViolation } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
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
    if (changes.email !== undefined) await assertEmailFree(trx, actor.organizationId, person, changes.email);
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
      // Only a concurrent change between the check above and this update gets here (an UPDATE has no ON CONFLICT).
      if (isUniqueViolation(error) && changes.email) throw emailTaken(changes.email);
      throw error;
    }
  });
  return loadPerson(deps.db, actor.organizationId, personId);
}

/**
 * Checked before the update, so that a taken email is refused without a unique violation: PostgreSQL writes those
 * to its log with the key, here an email, in them. An account's email must be free across all organisations.
 */
async function assertEmailFree(
  trx: Kysely<Database>,
  organizationId: string,
  person: { id: string; user_id: string | null },
  email: string,
): Promise<void> {
  const otherPerson = await trx
    .selectFrom('people')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('email', '=', email)
    .where('id', '!=', person.id)
    .executeTakeFirst();
  const otherUser = person.user_id
    ? await trx
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .where('id', '!=', person.user_id)
        .executeTakeFirst()
    : undefined;
  if (otherPerson || otherUser) throw emailTaken(email);
}
