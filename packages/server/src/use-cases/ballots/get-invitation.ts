import type { BallotInvitation, Question } from '@kintsugi/core';
import { linkUsed } from '../../ballots/ballot-issue.js';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { linkDelivery } from './link-delivery.js';
import { roundHolder, UNKNOWN_LINK } from './round-ballot.js';

/** What a personal link opens: the round's questions and public key. Needs no account; writes nothing. */
export async function getInvitation(deps: Deps, link: string): Promise<BallotInvitation> {
  const holder = await roundHolder(deps, link);
  const row = await deps.db
    .selectFrom('rounds as r')
    .innerJoin('repairs as rp', 'rp.id', 'r.repair_id')
    .innerJoin('teams as t', 't.id', 'rp.team_id')
    .innerJoin('people as l', 'l.id', 'rp.leader_id')
    .select(['r.id', 'r.questions', 'r.closes_on', 'r.public_key', 'rp.title', 'rp.organization_id'])
    .select(['t.name as teamName', 'l.name as leaderName'])
    .where('r.id', '=', holder.ballotId)
    .executeTakeFirst();
  if (!row?.public_key) throw new AppError('not_found', UNKNOWN_LINK);
  return {
    roundId: row.id,
    repairTitle: row.title,
    teamName: row.teamName,
    leaderName: row.leaderName,
    questions: JSON.parse(row.questions) as Question[],
    closesOn: row.closes_on,
    status: holder.open ? 'open' : 'closed',
    threshold: await organizationThreshold(deps.db, row.organization_id),
    publicKey: row.public_key,
    tokenIssued: await linkUsed(deps, holder, link),
    delivery: await linkDelivery(deps, row.organization_id),
  };
}

export { UNKNOWN_LINK };
