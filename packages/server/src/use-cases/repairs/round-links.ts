import type { LinksSent } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { linksSent } from '../ballots/link-delivery.js';
import type { Deps } from '../deps.js';
import { nowIso } from '../deps.js';
import { invitationEmail } from './invitation-email.js';
import { loadManagedRepair, loadRepair, loadRound } from './load-repair.js';
import { answerUrl } from './open-round.js';

/**
 * One more link for one person (lost email, wrong address), emailed to them; earlier links keep working. It answers
 * the same whatever the person has done: whether their link was used is theirs to know, not the sender's. A person
 * who has taken their token cannot take a second one through the new link (ballots/ballot-issue.ts).
 */
export async function reissueLink(
  deps: Deps,
  actor: Actor,
  repairId: string,
  personId: string,
): Promise<LinksSent> {
  const repair = await loadManagedRepair(deps.db, actor, repairId);
  const round = await loadRound(deps.db, repairId);
  if (round.status !== 'open')
    throw new AppError('conflict', 'Links can be sent again only while the round is open.');
  const invitation = await deps.db
    .selectFrom('invitations as i')
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .select(['i.id', 'p.id as personId', 'p.name', 'p.email'])
    .where('i.round_id', '=', round.id)
    .where('i.person_id', '=', personId)
    .executeTakeFirst();
  if (!invitation) throw notFound('invited person in this round');
  const secret = newSecret();
  await deps.db
    .insertInto('ballot_links')
    .values({ link_hash: hashSecret(secret), kind: 'round', invitation_id: invitation.id })
    .execute();
  await deps.mailer.send({
    organizationId: repair.organization_id,
    to: invitation.email,
    ...invitationEmail({
      leaderName: repair.leaderName,
      teamName: repair.teamName,
      title: repair.title,
      closesOn: round.closes_on,
      url: answerUrl(deps, secret),
      again: true,
    }),
  });
  return linksSent(deps, repair.organization_id, [{ id: invitation.personId, name: invitation.name }]);
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
  // Answers waiting to be stored in a batch are stored now: nothing more will join them.
  await deps.ballots.flushFinal(deps, round.id);
  return loadRepair(deps.db, actor, repairId);
}
