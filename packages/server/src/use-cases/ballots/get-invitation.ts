import type { BallotInvitation, Question } from '@kintsugi/core';
import { hashSecret } from '../../auth/secrets.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { isOpenForAnswers } from './ballot-proof.js';

const UNKNOWN_LINK =
  'This link is not valid. It may have been replaced by a newer one; ask your leader for your current link.';

/** What a personal link opens: the round's questions and public key. Needs no account. */
export async function getInvitation(deps: Deps, link: string): Promise<BallotInvitation> {
  const row = await deps.db
    .selectFrom('invitations as i')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .innerJoin('repairs as rp', 'rp.id', 'r.repair_id')
    .innerJoin('teams as t', 't.id', 'rp.team_id')
    .innerJoin('people as l', 'l.id', 'rp.leader_id')
    .select([
      'r.id',
      'r.questions',
      'r.closes_on',
      'r.status',
      'r.public_key',
      'i.token_issued',
      'rp.title',
      'rp.organization_id',
      't.name as teamName',
      'l.name as leaderName',
    ])
    .where('i.link_hash', '=', hashSecret(link))
    .executeTakeFirst();
  if (!row?.public_key) throw new AppError('not_found', UNKNOWN_LINK);
  return {
    roundId: row.id,
    repairTitle: row.title,
    teamName: row.teamName,
    leaderName: row.leaderName,
    questions: JSON.parse(row.questions) as Question[],
    closesOn: row.closes_on,
    status: isOpenForAnswers(row, nowIso(deps).slice(0, 10)) ? 'open' : 'closed',
    threshold: await organizationThreshold(deps.db, row.organization_id),
    publicKey: row.public_key,
    tokenIssued: row.token_issued === 1,
  };
}

export { UNKNOWN_LINK };
