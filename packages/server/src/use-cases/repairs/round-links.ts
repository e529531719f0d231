import type { Actor } from '../../auth/actor.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import { AppError, notFound } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';
import { nowIso } from '../deps.js';
import { loadManagedRepair, loadRepair, loadRound } from './load-repair.js';
import { answerUrl } from './open-round.js';

/**
 * A fresh link for one person (lost email, wrong address). The old link stops working. A link that has
 * already been used to take an answer token cannot be replaced, so nobody can answer twice.
 */
export async function reissueLink(
  deps: Deps,
  actor: Actor,
  repairId: string,
  personId: string,
): Promise<{ url: string }> {
  await loadManagedRepair(deps.db, actor, repairId);
  const round = await loadRound(deps.db, repairId);
  if (round.status !== 'open')
    throw new AppError('conflict', 'Links can be renewed only while the round is open.');
  const secret = newSecret();
  const result = await deps.db
    .updateTable('invitations')
    .set({ link_hash: hashSecret(secret) })
    .where('round_id', '=', round.id)
    .where('person_id', '=', personId)
    .where('token_issued', '=', 0)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    const exists = await deps.db
      .selectFrom('invitations')
      .select('id')
      .where('round_id', '=', round.id)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (!exists) throw notFound('invited person in this round');
    throw new AppError('conflict', 'This link has already been used, so it cannot be replaced.');
  }
  return { url: answerUrl(deps, secret) };
}

/** Closes the round early (or when its date has passed): no more answers; the repair moves on to understanding. */
export async function closeRound(deps: Deps, actor: Actor, repairId: string) {
  await loadManagedRepair(deps.db, actor, repairId);
  const round = await loadRound(deps.db, repairId);
  if (round.status !== 'open') throw new AppError('conflict', 'Only an open round can be closed.');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('rounds').set({ status: 'closed' }).where('id', '=', round.id).execute();
    await trx
      .updateTable('repairs')
      .set({ stage: 'understanding', updated_at: nowIso(deps) })
      .where('id', '=', repairId)
      .execute();
  });
  return loadRepair(deps.db, actor, repairId);
}
