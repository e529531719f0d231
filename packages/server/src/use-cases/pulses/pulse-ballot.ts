import { randomUUID } from 'node:crypto';
import {
  type BallotSubmission,
  type PulseAnswerInput,
  type PulseInvitation,
  pulseItemSet,
  SCALE_LABELS,
} from '@kintsugi/core';
import { issueBallotToken, type LinkHolder, linkUsed } from '../../ballots/ballot-issue.js';
import { verifyToken } from '../../ballots/ballot-keys.js';
import { invitationIdOfLink } from '../../ballots/link-lookup.js';
import { AppError } from '../../errors/app-error.js';
import { isOpenForAnswers, sha256 } from '../ballots/ballot-proof.js';
import { linkDelivery } from '../ballots/link-delivery.js';
import { type Deps, nowIso } from '../deps.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { PULSE_CLOSED, pulseBallot, pulseBallotId } from './pulse-ballot-kind.js';

const UNKNOWN_LINK =
  'This pulse link is not valid. It may belong to an older pulse; use the link from the most recent email.';

/** The pulse and invitation a personal pulse link opens. */
export async function pulseHolder(deps: Deps, link: string): Promise<LinkHolder & { pulseId: string }> {
  const invitationId = await invitationIdOfLink(deps.db, 'pulse', link);
  const row = invitationId
    ? await deps.db
        .selectFrom('pulse_invitations as i')
        .innerJoin('pulses as p', 'p.id', 'i.pulse_id')
        .select(['i.id', 'i.token_issued', 'p.id as pulseId', 'p.status', 'p.closes_on', 'p.private_key'])
        .where('i.id', '=', invitationId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('not_found', UNKNOWN_LINK);
  return {
    pulseId: row.pulseId,
    ballotId: pulseBallotId(row.pulseId),
    memberId: row.id,
    marked: row.token_issued === 1,
    open: isOpenForAnswers(row, nowIso(deps).slice(0, 10)),
    encryptedPrivateKey: row.private_key,
  };
}

/** What a pulse link opens: the statements to rate and the ballot's public key. Needs no account; writes nothing. */
export async function getPulseInvitation(deps: Deps, link: string): Promise<PulseInvitation> {
  const holder = await pulseHolder(deps, link);
  const row = await deps.db
    .selectFrom('pulses as p')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .innerJoin('people as l', 'l.id', 't.leader_id')
    .select(['p.id', 'p.items_version', 'p.closes_on', 'p.public_key', 't.organization_id'])
    .select(['t.name as teamName', 'l.name as leaderName'])
    .where('p.id', '=', holder.pulseId)
    .executeTakeFirstOrThrow();
  const set = pulseItemSet(row.items_version);
  return {
    pulseId: row.id,
    teamName: row.teamName,
    leaderName: row.leaderName,
    items: set.items.map((i) => ({ id: i.id, dimension: i.dimension, text: i.text })),
    freeText: { id: set.freeText.id, text: set.freeText.text },
    scale: [...SCALE_LABELS],
    closesOn: row.closes_on,
    status: holder.open ? 'open' : 'closed',
    threshold: await organizationThreshold(deps.db, row.organization_id),
    publicKey: row.public_key,
    tokenIssued: await linkUsed(deps, holder, link),
    delivery: await linkDelivery(deps, row.organization_id),
  };
}

/** Blindly signs one answer token per person and pulse; nothing naming them is written now. */
export async function issuePulseToken(
  deps: Deps,
  input: { link: string; blindedMessage: string },
): Promise<{ blindSignature: string }> {
  const holder = await pulseHolder(deps, input.link);
  return issueBallotToken(deps, pulseBallot, holder, input.link, input.blindedMessage, PULSE_CLOSED);
}

/**
 * Takes one person's ratings, proven only by an unspent token. They are added to the totals together with at
 * least k − 1 other people's (ballots/ballot-mixer.ts), so no total ever moves by one person's answer on disk.
 */
export async function submitPulse(deps: Deps, input: PulseAnswerInput): Promise<BallotSubmission> {
  const pulse = await deps.db
    .selectFrom('pulses')
    .select(['id', 'status', 'closes_on', 'public_key', 'items_version'])
    .where('id', '=', input.pulseId)
    .executeTakeFirst();
  if (!pulse) throw new AppError('not_found', 'No pulse with that id is taking answers.');
  const valid = verifyToken(
    pulse.public_key,
    Buffer.from(input.token, 'base64url'),
    Buffer.from(input.signature, 'base64url'),
  );
  if (!valid)
    throw new AppError('forbidden', 'This answer token is not valid for this pulse. Open your link again.');
  const ballotId = pulseBallotId(pulse.id);
  const tokenHash = sha256(input.token);
  if ((await pulseBallot.spent(deps.db, ballotId, [tokenHash])).size > 0) return { state: 'stored' };
  if (deps.ballots.isPending(ballotId, tokenHash)) return { state: 'pending' };
  if (!isOpenForAnswers(pulse, nowIso(deps).slice(0, 10))) throw new AppError('round_closed', PULSE_CLOSED);
  const items = new Map(pulseItemSet(pulse.items_version).items.map((i) => [i.id, i]));
  const errors: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  input.ratings.forEach((r, index) => {
    if (!items.has(r.itemId))
      errors.push({ path: `ratings.${index}.itemId`, message: `This pulse has no statement "${r.itemId}".` });
    else if (seen.has(r.itemId))
      errors.push({
        path: `ratings.${index}.itemId`,
        message: `"${r.itemId}" is rated twice; rate it once.`,
      });
    seen.add(r.itemId);
  });
  if (errors.length > 0)
    throw new AppError('invalid_input', 'Some ratings do not match the statements of this pulse.', {
      errors,
    });
  const comment = input.comment?.trim();
  const state = await deps.ballots.submit(deps, pulseBallot, ballotId, {
    tokenHash,
    payload: { ratings: input.ratings, comment: comment ? comment : null, id: randomUUID() },
  });
  return { state };
}
