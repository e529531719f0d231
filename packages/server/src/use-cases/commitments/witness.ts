import { hashSecret } from '../../auth/secrets.js';
import { createBallotKeys, signBlinded, verifyToken } from '../../ballots/ballot-keys.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError } from '../../errors/app-error.js';
import { sha256 } from '../ballots/ballot-proof.js';
import type { Deps } from '../deps.js';
import { ledgerWitnessed } from './commitment-ledger.js';

const ballotId = (occurrenceId: string) => `witness:${occurrenceId}`;

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
  const keys = await createBallotKeys(deps.secret, ballotId(occurrenceId));
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

/** The witness ballot's public key for an occurrence, made on first use. */
export async function witnessKey(deps: Deps, input: { link: string; occurrenceId: string }) {
  const { person_id } = await witnessable(deps, input.link, input.occurrenceId);
  const ballot = await ballotOf(deps, input.occurrenceId);
  const issued = await deps.db
    .selectFrom('witness_issued')
    .select('person_id')
    .where('occurrence_id', '=', input.occurrenceId)
    .where('person_id', '=', person_id)
    .executeTakeFirst();
  return { publicKey: ballot.public_key, tokenIssued: issued !== undefined };
}

/** Blindly signs one witness token per person per occurrence. */
export async function issueWitnessToken(
  deps: Deps,
  input: { link: string; occurrenceId: string; blindedMessage: string },
) {
  const { person_id } = await witnessable(deps, input.link, input.occurrenceId);
  const ballot = await ballotOf(deps, input.occurrenceId);
  const signature = signBlinded(
    deps.secret,
    ballotId(input.occurrenceId),
    ballot.private_key,
    Buffer.from(input.blindedMessage, 'base64url'),
  );
  try {
    await deps.db
      .insertInto('witness_issued')
      .values({ occurrence_id: input.occurrenceId, person_id })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('already_answered', 'You have already taken your token to witness this occurrence.');
    throw error;
  }
  return { blindSignature: signature.toString('base64url') };
}

/** "I saw this" or "I didn't see this", proven only by an unspent token; only the totals are kept. */
export async function witness(
  deps: Deps,
  input: { occurrenceId: string; token: string; signature: string; saw: boolean },
): Promise<void> {
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
  await deps.db.transaction().execute(async (trx) => {
    try {
      await trx
        .insertInto('witness_spent')
        .values({ token_hash: sha256(input.token), occurrence_id: input.occurrenceId })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(
          'already_answered',
          'This token has already been used to witness this occurrence.',
        );
      throw error;
    }
    await trx
      .insertInto('witness_counts')
      .values({ occurrence_id: input.occurrenceId })
      .onConflict((oc) => oc.column('occurrence_id').doNothing())
      .execute();
    await trx
      .updateTable('witness_counts')
      .set((eb) => (input.saw ? { saw: eb('saw', '+', 1) } : { did_not_see: eb('did_not_see', '+', 1) }))
      .where('occurrence_id', '=', input.occurrenceId)
      .execute();
    await ledgerWitnessed(trx, input.occurrenceId);
  });
}
