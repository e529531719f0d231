import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { Deps } from '../use-cases/deps.js';
import { signBlinded } from './ballot-keys.js';
import type { BallotKind } from './ballot-mixer.js';

const sha256 = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');

/** The row name of "this link took a token": only the link's holder can compute it. */
export const claimHash = (ballotId: string, link: string) => sha256(`claim:${ballotId}:${link}`);
/** The row name of "this link was used, and not by me". */
export const reportHash = (ballotId: string, link: string) => sha256(`report:${ballotId}:${link}`);

/** Who a link belongs to on one ballot, as the ballot's kind looked it up. */
export interface LinkHolder {
  /** The ballot's id, also the context its private key is bound to. */
  ballotId: string;
  /** The invitation (or person) that may take one token. */
  memberId: string;
  /** Already recorded as having taken a token (in an earlier batch). */
  marked: boolean;
  open: boolean;
  encryptedPrivateKey: string;
}

export const LINK_USED =
  'This link has already been used to take an answer token. If you did not use it, say so on this page: ' +
  'the leader is told that a link was used by someone other than its owner.';

/**
 * Blindly signs one answer token per person and ballot (RFC 9474). Retry-safe: asking again with the same blinded
 * message (a lost response, a reload) signs it again, which gives the same signature, so a network failure never
 * burns a link. The only write is an anonymous claim of the link; the person's own record waits in the mixer.
 */
export async function issueBallotToken<P>(
  deps: Deps,
  kind: BallotKind<P>,
  holder: LinkHolder,
  link: string,
  blindedMessage: string,
  closedMessage: string,
): Promise<{ blindSignature: string }> {
  if (!holder.open) throw new AppError('round_closed', closedMessage);
  const blinded = Buffer.from(blindedMessage, 'base64url');
  const blindedHash = sha256(blinded);
  const claim = claimHash(holder.ballotId, link);
  const claimed = await deps.db
    .selectFrom('ballot_claims')
    .select('blinded_hash')
    .where('claim_hash', '=', claim)
    .executeTakeFirst();
  if (claimed && claimed.blinded_hash !== blindedHash) throw new AppError('conflict', LINK_USED);
  let reserved = false;
  if (!claimed) {
    if (holder.marked) throw new AppError('conflict', LINK_USED);
    // Checked and noted in one step, with no wait between: two links of one person asking at the same moment
    // cannot both pass.
    const reservation = deps.ballots.reserveMember(
      kind as BallotKind<unknown>,
      holder.ballotId,
      holder.memberId,
      blindedHash,
    );
    if (reservation === 'taken') throw new AppError('conflict', LINK_USED);
    reserved = reservation === 'new';
  }
  let signature: Buffer;
  try {
    // Sign before claiming, so a malformed request does not use up the link.
    signature = signBlinded(deps.secret, holder.ballotId, holder.encryptedPrivateKey, blinded);
    if (!claimed) {
      // Two devices at once: one claim wins; ON CONFLICT keeps the database from logging the key of the loser.
      await deps.db
        .insertInto('ballot_claims')
        .values({ claim_hash: claim, ballot_id: holder.ballotId, blinded_hash: blindedHash })
        .onConflict((oc) => oc.column('claim_hash').doNothing())
        .execute();
      const winner = await deps.db
        .selectFrom('ballot_claims')
        .select('blinded_hash')
        .where('claim_hash', '=', claim)
        .executeTakeFirstOrThrow();
      if (winner.blinded_hash !== blindedHash) throw new AppError('conflict', LINK_USED);
    }
  } catch (error) {
    if (reserved) deps.ballots.releaseMember(holder.ballotId, holder.memberId, blindedHash);
    throw error;
  }
  if (!holder.marked)
    await deps.ballots.tokenTaken(deps, kind, holder.ballotId, holder.memberId, blindedHash);
  return { blindSignature: signature.toString('base64url') };
}

/** Whether this link (or, before the batch is written, its person) has taken a token. */
export async function linkUsed(deps: Deps, holder: LinkHolder, link: string): Promise<boolean> {
  if (holder.marked || deps.ballots.pendingMember(holder.ballotId, holder.memberId) !== undefined)
    return true;
  const claimed = await deps.db
    .selectFrom('ballot_claims')
    .select('claim_hash')
    .where('claim_hash', '=', claimHash(holder.ballotId, link))
    .executeTakeFirst();
  return claimed !== undefined;
}

/** "My link was used, and not by me": counted once per link, without saying whose. */
export async function reportLinkMisuse(deps: Deps, holder: LinkHolder, link: string): Promise<void> {
  if (!(await linkUsed(deps, holder, link)))
    throw new AppError('conflict', 'This link has not been used yet, so there is nothing to report.');
  await deps.db
    .insertInto('ballot_reports')
    .values({ report_hash: reportHash(holder.ballotId, link), ballot_id: holder.ballotId })
    .onConflict((oc) => oc.column('report_hash').doNothing())
    .execute();
}

/** How many links of a ballot took a token, and how many of their owners said it was not them. */
export async function ballotLinkCounts(
  deps: Deps,
  ballotId: string,
): Promise<{ used: number; reported: number }> {
  const [used, reported] = await Promise.all([
    deps.db
      .selectFrom('ballot_claims')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ballot_id', '=', ballotId)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('ballot_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ballot_id', '=', ballotId)
      .executeTakeFirstOrThrow(),
  ]);
  return { used: Number(used.n), reported: Number(reported.n) };
}
