import { randomUUID } from 'node:crypto';
import { type PulseAnswerInput, type PulseInvitation, pulseItemSet, SCALE_LABELS } from '@kintsugi/core';
import { hashSecret } from '../../auth/secrets.js';
import { signBlinded, verifyToken } from '../../ballots/ballot-keys.js';
import { isUniqueViolation, rowsFollowKeyOrder } from '../../db/database.js';
import { AppError } from '../../errors/app-error.js';
import { isOpenForAnswers, sha256 } from '../ballots/ballot-proof.js';
import { type Deps, nowIso } from '../deps.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { trendTouched } from './team-trend.js';

const UNKNOWN_LINK =
  'This pulse link is not valid. It may belong to an older pulse; use the link from the most recent email.';
const CLOSED = 'This pulse is closed; answers are no longer taken. The next one will come by email.';

const ballotId = (pulseId: string) => `pulse:${pulseId}`;

/** What a pulse link opens: the statements to rate and the ballot's public key. Needs no account. */
export async function getPulseInvitation(deps: Deps, link: string): Promise<PulseInvitation> {
  const row = await deps.db
    .selectFrom('pulse_invitations as i')
    .innerJoin('pulses as p', 'p.id', 'i.pulse_id')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .innerJoin('people as l', 'l.id', 't.leader_id')
    .select([
      'p.id',
      'p.items_version',
      'p.closes_on',
      'p.status',
      'p.public_key',
      'i.token_issued',
      't.name as teamName',
      't.organization_id',
      'l.name as leaderName',
    ])
    .where('i.link_hash', '=', hashSecret(link))
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', UNKNOWN_LINK);
  const set = pulseItemSet(row.items_version);
  return {
    pulseId: row.id,
    teamName: row.teamName,
    leaderName: row.leaderName,
    items: set.items.map((i) => ({ id: i.id, dimension: i.dimension, text: i.text })),
    freeText: { id: set.freeText.id, text: set.freeText.text },
    scale: [...SCALE_LABELS],
    closesOn: row.closes_on,
    status: isOpenForAnswers(row, nowIso(deps).slice(0, 10)) ? 'open' : 'closed',
    threshold: await organizationThreshold(deps.db, row.organization_id),
    publicKey: row.public_key,
    tokenIssued: row.token_issued === 1,
  };
}

/** Blindly signs one answer token per pulse link: the server learns the link took a token, never which. */
export async function issuePulseToken(
  deps: Deps,
  input: { link: string; blindedMessage: string },
): Promise<{ blindSignature: string }> {
  const row = await deps.db
    .selectFrom('pulse_invitations as i')
    .innerJoin('pulses as p', 'p.id', 'i.pulse_id')
    .select(['i.id', 'p.id as pulseId', 'p.status', 'p.closes_on', 'p.private_key'])
    .where('i.link_hash', '=', hashSecret(input.link))
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', UNKNOWN_LINK);
  if (!isOpenForAnswers(row, nowIso(deps).slice(0, 10))) throw new AppError('round_closed', CLOSED);
  // Sign before claiming, so a malformed request does not use up the link.
  const signature = signBlinded(
    deps.secret,
    ballotId(row.pulseId),
    row.private_key,
    Buffer.from(input.blindedMessage, 'base64url'),
  );
  const claimed = await deps.db
    .updateTable('pulse_invitations')
    .set({ token_issued: 1 })
    .where('id', '=', row.id)
    .where('token_issued', '=', 0)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n)
    throw new AppError('conflict', 'This link has already been used to answer this pulse.');
  return { blindSignature: signature.toString('base64url') };
}

/**
 * Adds one person's ratings to the pulse's totals, proven only by an unspent token. No row per person is
 * written: the histograms grow by one, and an optional comment gets a random id and a day date.
 */
export async function submitPulse(deps: Deps, input: PulseAnswerInput): Promise<void> {
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
  const today = nowIso(deps).slice(0, 10);
  if (!isOpenForAnswers(pulse, today)) throw new AppError('round_closed', CLOSED);
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

  await deps.db.transaction().execute(async (trx) => {
    try {
      await trx
        .insertInto('pulse_spent')
        .values({ token_hash: sha256(input.token), pulse_id: pulse.id })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(
          'already_answered',
          'This token has already been used: you have answered this pulse.',
        );
      throw error;
    }
    const overall = [0, 0, 0, 0, 0, 0, 0];
    for (const r of input.ratings) overall[r.value - 1] = (overall[r.value - 1] ?? 0) + 1;
    // The pulse row first: on PostgreSQL its lock queues concurrent answers, so item rows are never contended.
    await trx
      .updateTable('pulses')
      .set((eb) => {
        const changes: Record<string, unknown> = { answers: eb('answers', '+', 1) };
        overall.forEach((n, i) => {
          const column = `o${i + 1}` as 'o1';
          if (n > 0) changes[column] = eb(column, '+', n);
        });
        return changes;
      })
      .where('id', '=', pulse.id)
      .execute();
    await trendTouched(trx, pulse.id);
    for (const r of input.ratings) {
      const column = `c${r.value}` as 'c1';
      await trx
        .updateTable('pulse_item_counts')
        .set((eb) => ({ [column]: eb(column, '+', 1) }))
        .where('pulse_id', '=', pulse.id)
        .where('item_id', '=', r.itemId)
        .execute();
    }
    const comment = input.comment?.trim();
    if (!comment) return;
    const fresh = { id: randomUUID(), pulse_id: pulse.id, body: comment, answered_on: today };
    if (rowsFollowKeyOrder(deps.engine)) {
      await trx.insertInto('pulse_comments').values(fresh).execute();
      return;
    }
    // Elsewhere the pulse's comments are rewritten in the order of their random ids, as answers are.
    const existing = await trx
      .selectFrom('pulse_comments')
      .selectAll()
      .where('pulse_id', '=', pulse.id)
      .execute();
    if (existing.length > 0)
      await trx.deleteFrom('pulse_comments').where('pulse_id', '=', pulse.id).execute();
    await trx
      .insertInto('pulse_comments')
      .values([...existing, fresh].sort((a, b) => (a.id < b.id ? -1 : 1)))
      .execute();
  });
}
