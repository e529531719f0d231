import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { policies } from '../../policies/policies.js';

/** Checks that the proposed leader is a person of the organisation whose role lets them lead. */
export async function assertValidLeader(
  trx: Kysely<Database>,
  organizationId: string,
  leaderId: string,
): Promise<void> {
  const leader = await trx
    .selectFrom('people')
    .select(['name', 'role'])
    .where('id', '=', leaderId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!leader) {
    throw new AppError('invalid_input', 'The leader must be a person in your organisation.', {
      errors: [{ path: 'leaderId', message: 'No person with this id exists in your organisation.' }],
    });
  }
  if (!policies.canLeadTeam(leader.role)) {
    throw new AppError(
      'invalid_input',
      `${leader.name} has the role "${leader.role}"; make them a leader first.`,
      {
        errors: [{ path: 'leaderId', message: 'Only a leader or an admin can lead a team.' }],
      },
    );
  }
}

/** Checks that every id names a person of the organisation. */
export async function assertPeopleInOrganization(
  trx: Kysely<Database>,
  organizationId: string,
  personIds: readonly string[],
  path: string,
): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  const found = await trx
    .selectFrom('people')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    const known = new Set(found.map((f) => f.id));
    const missing = unique.filter((id) => !known.has(id));
    throw new AppError(
      'invalid_input',
      `${missing.length} of the people given are not in your organisation.`,
      {
        errors: missing.map((id) => ({
          path,
          message: `No person with id ${id} exists in your organisation.`,
        })),
      },
    );
  }
}

export function teamNameTaken(name: string): AppError {
  return new AppError('team_name_taken', `A team called "${name}" already exists. Choose another name.`, {
    errors: [{ path: 'name', message: 'This name is already used by another team.' }],
  });
}
