import { describeLocalDate } from '@kintsugi/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { lockReferencedRow } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { authorize, policies } from '../../policies/policies.js';
import type { Deps } from '../deps.js';
import { quotedTitles } from '../repairs/quoted-titles.js';
import { assertAnotherAdminRemains } from './last-admin.js';

const titlesOf = (rows: { title: string }[]) => [...new Set(rows.map((r) => r.title))].sort();

/**
 * The database would delete, with the person, the repairs they lead (and everything recorded in them), the
 * messages they published, their place among the people a repair affected (who was asked, their team link), and
 * their invitation to a pulse: a person any repair names is refused, never cut out of its record, and so is one
 * invited to a pulse still open (whose ballot counts its invitations).
 */
async function assertNamedByNoRepair(trx: Kysely<Database>, personId: string, name: string): Promise<void> {
  const leads = titlesOf(
    await trx.selectFrom('repairs').select('title').where('leader_id', '=', personId).execute(),
  );
  if (leads.length > 0) {
    throw new AppError(
      'has_history',
      `${name} leads ${leads.length === 1 ? 'the repair' : `${leads.length} repairs:`} ${quotedTitles(leads)}. Removing them would delete ${
        leads.length === 1 ? 'it' : 'those repairs'
      } with everything recorded in ${leads.length === 1 ? 'it' : 'them'} (listening round, messages, commitments, the reliability record), so Kintsugi keeps them. Remove them from their teams, or give their teams another leader, instead.`,
    );
  }
  const wrote = titlesOf(
    await trx
      .selectFrom('messages as m')
      .innerJoin('repairs as r', 'r.id', 'm.repair_id')
      .select('r.title')
      .where('m.author_id', '=', personId)
      .execute(),
  );
  if (wrote.length > 0) {
    throw new AppError(
      'has_history',
      `${name} published messages to the team in ${quotedTitles(wrote)}. Removing them would delete those messages, which the team has read, so Kintsugi keeps them. Remove them from their teams instead.`,
    );
  }
  const pulse = await trx
    .selectFrom('pulse_invitations as i')
    .innerJoin('pulses as p', 'p.id', 'i.pulse_id')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .select(['t.name', 'p.closes_on'])
    .where('i.person_id', '=', personId)
    .where('p.status', '=', 'open')
    .orderBy('p.closes_on', 'desc')
    .executeTakeFirst();
  if (pulse) {
    throw new AppError(
      'has_history',
      `${name} is invited to a trust pulse of “${pulse.name}” that is still open (it closes on ${describeLocalDate(pulse.closes_on)}). Removing them now would change who it counts; remove them once it has closed, or remove them from their teams now so they get no further pulses.`,
    );
  }
  const affected = titlesOf(
    await trx
      .selectFrom('repair_people as rp')
      .innerJoin('repairs as r', 'r.id', 'rp.repair_id')
      .select('r.title')
      .where('rp.person_id', '=', personId)
      .execute(),
  );
  if (affected.length > 0) {
    throw new AppError(
      'has_history',
      `${name} is among the people affected by ${quotedTitles(affected)}. Removing them would take them out of ${
        affected.length === 1 ? 'its' : 'their'
      } record (who was asked, and their link to the team page), so Kintsugi keeps them. Remove them from their teams instead.`,
    );
  }
}

/**
 * Removes a person whom no repair names from the organisation, with their team memberships, and their account if
 * it is used nowhere else.
 */
export async function removePerson(deps: Deps, actor: Actor, personId: string): Promise<void> {
  authorize(policies.managePeople(actor), 'Only admins can remove people.');
  if (personId === actor.personId) {
    throw new AppError('cannot_remove_self', 'You cannot remove yourself. Ask another admin to do it.');
  }
  await deps.db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('people')
      .select(['id', 'name', 'role', 'user_id'])
      .where('id', '=', personId)
      .where('organization_id', '=', actor.organizationId)
      .executeTakeFirst();
    if (!person) throw notFound('person');
    // No repair may come to name them between the check and the delete (whose cascade would take it).
    await lockReferencedRow(trx, 'people', personId);
    await assertNamedByNoRepair(trx, personId, person.name);
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
