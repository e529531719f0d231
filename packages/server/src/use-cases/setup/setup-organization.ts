import { randomUUID } from 'node:crypto';
import type { Role } from '@kintsugi/core';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../auth/password.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';

export interface SetupOrganizationOptions {
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

export interface CreatedAdmin {
  organizationId: string;
  userId: string;
  personId: string;
}

/** First run: creates the organisation and its first admin. Refuses once an organisation exists. */
export async function setupOrganization(
  deps: Deps,
  options: SetupOrganizationOptions,
): Promise<CreatedAdmin> {
  const passwordHash = await hashPassword(options.password);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
    if (existing) {
      throw new AppError('already_set_up', 'Kintsugi is already set up. Sign in instead.');
    }
    const organizationId = randomUUID();
    await trx
      .insertInto('organizations')
      .values({
        id: organizationId,
        name: options.organizationName,
        time_zone: 'UTC',
        created_at: nowIso(deps),
      })
      .execute();
    return insertAccount(trx, deps, { ...options, organizationId, passwordHash, role: 'admin' });
  });
}

export interface InsertAccountOptions {
  organizationId: string;
  name: string;
  email: string;
  passwordHash: string;
  role: Role;
}

/** Creates a user account and its person in the organisation, inside the caller's transaction. */
export async function insertAccount(
  trx: Kysely<Database>,
  deps: Deps,
  options: InsertAccountOptions,
): Promise<CreatedAdmin> {
  const userId = randomUUID();
  const personId = randomUUID();
  const createdAt = nowIso(deps);
  // ON CONFLICT DO NOTHING rather than a caught unique violation, which PostgreSQL would write to its log with the
  // email in it. The caller's transaction undoes the account if the person cannot be added.
  const user = await trx
    .insertInto('users')
    .values({
      id: userId,
      email: options.email,
      name: options.name,
      password_hash: options.passwordHash,
      created_at: createdAt,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  const person =
    user.numInsertedOrUpdatedRows === 0n
      ? undefined
      : await trx
          .insertInto('people')
          .values({
            id: personId,
            organization_id: options.organizationId,
            name: options.name,
            email: options.email,
            role: options.role,
            user_id: userId,
            created_at: createdAt,
          })
          .onConflict((oc) => oc.columns(['organization_id', 'email']).doNothing())
          .executeTakeFirst();
  if (person?.numInsertedOrUpdatedRows !== 1n) {
    throw new AppError('email_taken', `An account or person with the email ${options.email} already exists.`);
  }
  return { organizationId: options.organizationId, userId, personId };
}
