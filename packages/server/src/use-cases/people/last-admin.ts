import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';

/** An organisation must always keep at least one admin, or nobody could manage it. */
export async function assertAnotherAdminRemains(
  trx: Kysely<Database>,
  organizationId: string,
  leavingPersonId: string,
): Promise<void> {
  const other = await trx
    .selectFrom('people')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'admin')
    .where('user_id', 'is not', null)
    .where('id', '!=', leavingPersonId)
    .limit(1)
    .executeTakeFirst();
  if (!other) {
    throw new AppError(
      'last_admin',
      'This is the last admin with an account. Make someone else an admin first.',
    );
  }
}
