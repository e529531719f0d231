import type { Person } from '@kintsugi/core';
import type { Kysely } from 'kysely';
import type { Database, PeopleTable } from '../../db/schema.js';
import { notFound } from '../../errors/app-error.js';

type PersonRow = Pick<PeopleTable, 'id' | 'name' | 'email' | 'role' | 'user_id' | 'created_at'>;

export function presentPerson(row: PersonRow, teamIds: string[]): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    hasAccount: row.user_id !== null,
    teamIds,
    createdAt: row.created_at,
  };
}

/** Loads one person of the organisation with their team ids, or raises not-found. */
export async function loadPerson(
  db: Kysely<Database>,
  organizationId: string,
  personId: string,
): Promise<Person> {
  const row = await db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'role', 'user_id', 'created_at'])
    .where('id', '=', personId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!row) throw notFound('person');
  const teams = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('person_id', '=', personId)
    .execute();
  return presentPerson(row, teams.map((t) => t.team_id).sort());
}
