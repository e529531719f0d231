import type { BallotSubmission } from '@kintsugi/core';
import { hashSecret } from '../../auth/secrets.js';
import { issueBallotToken, type LinkHolder, linkUsed } from '../../ballots/ballot-issue.js';
import { createBallotKeys, verifyToken } from '../../ballots/ballot-keys.js';
import { AppError } from '../../errors/app-error.js';
import { sha256 } from '../ballots/ballot-proof.js';
import type { Deps } from '../deps.js';
import { witnessBallot, witnessBallotId } from './witness-ballot.js';

/** The holder of a live team link who was affected by the repair, and a recorded occurrence of that repair. */
async function witnessable(deps: Deps, link: string, occurrenceId: string) {
  const row = await deps.db
    .selectFrom('team_links as tl')
    .innerJoin('commitments as c', 'c.repair_id', 'tl.repair_id')
    .innerJoin('occurrences as o', 'o.commitment_id', 'c.id')
    .select(['tl.person_id', 'o.id'])
    .where('tl.link_hash', '=', hashSecret(link))
    .where('tl.revoked_at', 'is', null)
    .where('o.id', '=', occurrenceId)
    .executeTakeFirst();
  if (!row)
    throw new AppError(
      'not_found',
      'There is no recorded occurrence with that id that this link can witness.',
    );
  return row;
}

async function ballotOf(deps: Deps, occurrenceId: string) {
  const existing = await deps.db
    .selectFrom('witness_ballots')
    .selectAll()
    .where('occurrence_id', '=', occurrenceId)
    .executeTakeFirst();
  if (existing) return existing;
  const keys = await createBallotKeys(deps.secret, witnessBallotId(occurrenceId));
  // Two first askers at once: one insert wins and both use its key.
  await deps.db
    .insertInto('witness_ballots')
    .values({
      occurrence_id: occurrenceId,
      public_key: keys.publicKey,
      private_key: keys.encryptedPrivateKey,
    })
    .onConflict((oc) => oc.column('occurrence_id').doNothing())
    .execute();
  return deps.db
    .selectFrom('witness_ballots')
    .selectAll()
    .where('occurrence_id', '=', occurrenceId)
    .executeTakeFirstOrThrow();
}

async function witnessHolder(
  deps: Deps,
  link: string,
  occurrenceId: string,
): Promise<LinkHolder & { publicKey: string }> {
  const { person_id } = await witnessable(deps, link, occurrenceId);
  const ballot = await ballotOf(deps, occurrenceId);
  const issued = await deps.db
    .selectFrom('witness_issued')
    .select('person_id')
    .where('occurrence_id', '=', occurrenceId)
    .where('person_id', '=', person_id)
    .executeTakeFirst();
  return {
    ballotId: witnessBallotId(occurrenceId),
    memberId: person_id,
    marked: issued !== undefined,
    open: true,
    encryptedPrivateKey: ballot.private_key,
    publicKey: ballot.public_key,
  };
}

/** The witness ballot's public key for an occurrence, made on first use. */
export async function witnessKey(deps: Deps, input: { link: string; occurrenceId: string }) {
  const holder = await witnessHolder(deps, input.link, input.occurrenceId);
  return { publicKey: holder.publicKey, tokenIssued: await linkUsed(deps, holder, input.link) };
}

/** Blindly signs one witness token per person per occurrence; nothing naming them is written now. */
export async function issueWitnessToken(
  deps: Deps,
  input: { link: string; occurrenceId: string; blindedMessage: string },
) {
  const holder = await witnessHolder(deps, input.link, input.occurrenceId);
  return issueBallotToken(deps, witnessBallot, holder, input.link, input.blindedMessage, '');
}

/** "I saw this" or "I didn't see this", proven only by an unspent token; only the totals are kept. */
export async function witness(
  deps: Deps,
  input: { occurrenceId: string; token: string; signature: string; saw: boolean },
): Promise<BallotSubmission> {
  const ballot = await deps.db
    .selectFrom('witness_ballots')
    .select('public_key')
    .where('occurrence_id', '=', input.occurrenceId)
    .executeTakeFirst();
  if (!ballot) throw new AppError('not_found', 'Nobody has been asked to witness that occurrence.');
  if (
    !verifyToken(
      ballot.public_key,
      Buffer.from(input.token, 'base64url'),
      Buffer.from(input.signature, 'base64url'),
    )
  ) {
    throw new AppError('forbidden', 'This witness token is not valid for this occurrence.');
  }
  const ballotId = witnessBallotId(input.occurrenceId);
  const tokenHash = sha256(input.token);
  if ((await witnessBallot.spent(deps.db, ballotId, [tokenHash])).size > 0) return { state: 'stored' };
  const state = await deps.ballots.submit(deps, witnessBallot, ballotId, {
    tokenHash,
    payload: { saw: input.saw },
  });
  return { state };
}
