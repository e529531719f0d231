import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { verifyToken } from '../../ballots/ballot-keys.js';
import type { Database, RoundsTable } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';

export interface TokenProof {
  roundId: string;
  token: string;
  signature: string;
}

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The key that lets a token's holder, and nobody else, find their answer to one question. */
export const replyKeyHash = (token: string, questionId: string) => sha256(`${token}:${questionId}`);

/** Checks that the token carries this ballot's signature. Says nothing about who holds it. */
export async function verifyProof(db: Kysely<Database>, proof: TokenProof): Promise<Selectable<RoundsTable>> {
  const round = await db.selectFrom('rounds').selectAll().where('id', '=', proof.roundId).executeTakeFirst();
  if (!round?.public_key)
    throw new AppError('not_found', 'No listening round with that id is open for answers.');
  const valid = verifyToken(
    round.public_key,
    Buffer.from(proof.token, 'base64url'),
    Buffer.from(proof.signature, 'base64url'),
  );
  if (!valid) {
    throw new AppError(
      'forbidden',
      'This answer token is not valid for this round. Open your personal link again to get a new one.',
    );
  }
  return round;
}

export function isOpenForAnswers(round: { status: string; closes_on: string }, today: string): boolean {
  return round.status === 'open' && round.closes_on >= today;
}

/**
 * Serialises writes to one round's answers: a no-op update takes the round's row lock on PostgreSQL (and
 * SQLite has one writer anyway), so concurrent submissions and follow-ups queue instead of racing.
 */
export async function lockRound(trx: Kysely<Database>, roundId: string): Promise<void> {
  await trx
    .updateTable('rounds')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', roundId)
    .execute();
}
