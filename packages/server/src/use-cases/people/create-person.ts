import { randomUUID } from 'node:crypto';
import type { Person, Role } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { hashPassword } from '../../auth/password.js';
import { AppError } from '../../errors/app-error.js';
import { authorize, policies } from '../../policies/policies.js';
import { type Deps, nowIso } from '../deps.js';
import { insertAccount } from '../setup/setup-organization.js';
import { loadPerson } from './present-person.js';

export interface CreatePersonOptions {
  name: string;
  email: string;
  role: Role;
  password?: string | undefined;
}

export async function createPerson(deps: Deps, actor: Actor, options: CreatePersonOptions): Promise<Person> {
  authorize(policies.managePeople(actor), 'Only admins can add people.');
  const passwordHash = options.password === undefined ? null : await hashPassword(options.password);
  const personId = await deps.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('people')
      .select('id')
      .where('organization_id', '=', actor.organizationId)
      .where('email', '=', options.email)
      .executeTakeFirst();
    if (taken) throw emailTaken(options.email);
    if (passwordHash !== null) {
      const created = await insertAccount(trx, deps, {
        ...options,
        organizationId: actor.organizationId,
        passwordHash,
      });
      return created.personId;
    }
    const id = randomUUID();
    // Someone added at the same moment: ON CONFLICT, so PostgreSQL logs no unique violation naming the email.
    const inserted = await trx
      .insertInto('people')
      .values({
        id,
        organization_id: actor.organizationId,
        name: options.name,
        email: options.email,
        role: options.role,
        user_id: null,
        created_at: nowIso(deps),
      })
      .onConflict((oc) => oc.columns(['organization_id', 'email']).doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows === 0n) throw emailTaken(options.email);
    return id;
  });
  return loadPerson(deps.db, actor.organizationId, personId);
}

export function emailTaken(email: string): AppError {
  return new AppError('email_taken', `Someone with the email ${email} is already in your organisation.`, {
    errors: [{ path: 'email', message: 'This email is already used.' }],
  });
}
