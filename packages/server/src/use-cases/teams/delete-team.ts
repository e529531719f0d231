import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { lockReferencedRow } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';
import { quotedTitles } from '../repairs/quoted-titles.js';
import { assertCanManageTeams, loadTeam } from './load-team.js';

/**
 * A team's repairs and pulses would go with it (the database cascades), taking their rounds, messages, themes,
 * commitments, recorded occurrences and trust trend: such a team is refused, never emptied.
 */
async function assertNoHistory(trx: Kysely<Database>, teamId: string, teamName: string): Promise<void> {
  const repairs = await trx
    .selectFrom('repairs')
    .select('title')
    .where('team_id', '=', teamId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const pulses = Number(
    (
      await trx
        .selectFrom('pulses')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('team_id', '=', teamId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (repairs.length === 0 && pulses === 0) return;
  const parts = [
    ...(repairs.length > 0
      ? [
          `${repairs.length === 1 ? 'a repair' : `${repairs.length} repairs`} (${quotedTitles(repairs.map((r) => r.title))})`,
        ]
      : []),
    ...(pulses > 0 ? [pulses === 1 ? 'a trust pulse' : `${pulses} trust pulses`] : []),
  ];
  throw new AppError(
    'has_history',
    `“${teamName}” has ${parts.join(' and ')}. Deleting the team would delete ${
      repairs.length + pulses === 1 ? 'it' : 'them'
    } and everything recorded in them (listening rounds, messages, commitments, the reliability record, pulse results), so Kintsugi keeps the team. You can rename it, change its members or stop its regular pulses instead.`,
  );
}

/** Deletes a team without history and its memberships; the people stay in the organisation. */
export async function deleteTeam(deps: Deps, actor: Actor, teamId: string): Promise<void> {
  assertCanManageTeams(actor);
  const team = await loadTeam(deps.db, actor, teamId);
  await deps.db.transaction().execute(async (trx) => {
    // No repair or pulse may be added between the check and the delete (whose cascade would take it).
    await lockReferencedRow(trx, 'teams', teamId);
    await assertNoHistory(trx, teamId, team.name);
    await trx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
    await trx
      .deleteFrom('teams')
      .where('id', '=', teamId)
      .where('organization_id', '=', actor.organizationId)
      .execute();
  });
}
