import type { Organization } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { authorize, policies } from '../../policies/policies.js';
import { rekeyOccurrences } from '../commitments/rekey-occurrences.js';
import type { Deps } from '../deps.js';

export async function getOrganization(deps: Deps, actor: Actor): Promise<Organization> {
  const row = await deps.db
    .selectFrom('organizations')
    .select(['id', 'name', 'time_zone', 'anonymity_threshold'])
    .where('id', '=', actor.organizationId)
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, timeZone: row.time_zone, anonymityThreshold: row.anonymity_threshold };
}

export async function updateOrganization(
  deps: Deps,
  actor: Actor,
  changes: {
    name?: string | undefined;
    timeZone?: string | undefined;
    anonymityThreshold?: number | undefined;
  },
): Promise<Organization> {
  authorize(policies.manageOrganization(actor), 'Only admins can change the organisation.');
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('organizations')
      .select('time_zone')
      .where('id', '=', actor.organizationId)
      .executeTakeFirstOrThrow();
    // The update locks the row first: a recording waits for it, then reads the new zone (see recordOccurrence).
    await trx
      .updateTable('organizations')
      .set({
        name: changes.name,
        time_zone: changes.timeZone,
        anonymity_threshold: changes.anonymityThreshold,
      })
      .where('id', '=', actor.organizationId)
      .execute();
    // What was recorded stays joined with the schedules, which are now read in the new zone.
    if (changes.timeZone !== undefined && changes.timeZone !== before.time_zone)
      await rekeyOccurrences(trx, actor.organizationId, changes.timeZone);
  });
  return getOrganization(deps, actor);
}
