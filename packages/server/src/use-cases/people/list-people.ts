import type { PersonList, PersonListQuery } from '@kintsugi/core';
import { sql } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { authorize, policies } from '../../policies/policies.js';
import type { Deps } from '../deps.js';
import { decodePeopleCursor, encodePeopleCursor } from './people-cursor.js';
import { presentPerson } from './present-person.js';

/** A LIKE pattern matching `text` anywhere, its own % _ and \ taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the organisation's people in name, then id, order. Keyset paging: a page starts after the last
 * (name, id) of the one before, so its cost does not grow with the pages before it (the people index
 * organization_id, name, id serves it), and people added or removed meanwhile never shift a page.
 */
export async function listPeople(deps: Deps, actor: Actor, query: PersonListQuery): Promise<PersonList> {
  authorize(policies.readPeople(actor), 'Only admins can see the list of people.');
  const after = query.cursor === undefined ? null : decodePeopleCursor(query.cursor);
  let select = deps.db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'role', 'user_id', 'created_at'])
    .where('organization_id', '=', actor.organizationId);
  if (after)
    select = select.where((eb) => eb(eb.refTuple('name', 'id'), '>', eb.tuple(after.name, after.id)));
  if (query.q) {
    const pattern = containsPattern(query.q);
    select = select.where(
      sql<boolean>`(lower(name) like ${pattern} escape '\\' or lower(email) like ${pattern} escape '\\')`,
    );
  }
  // One more than asked for says whether there is a next page.
  const rows = await select
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const teamsOf = new Map<string, string[]>();
  if (page.length > 0) {
    const memberships = await deps.db
      .selectFrom('team_members')
      .select(['person_id', 'team_id'])
      .where(
        'person_id',
        'in',
        page.map((p) => p.id),
      )
      .execute();
    for (const m of memberships) {
      const list = teamsOf.get(m.person_id) ?? [];
      list.push(m.team_id);
      teamsOf.set(m.person_id, list);
    }
  }
  return {
    people: page.map((row) => presentPerson(row, (teamsOf.get(row.id) ?? []).sort())),
    nextCursor: rows.length > query.limit && last ? encodePeopleCursor(last) : null,
  };
}
