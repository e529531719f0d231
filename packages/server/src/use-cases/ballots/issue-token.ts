import { hashSecret } from '../../auth/secrets.js';
import { signBlinded } from '../../ballots/ballot-keys.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { isOpenForAnswers } from './ballot-proof.js';
import { UNKNOWN_LINK } from './get-invitation.js';

/**
 * Signs a blinded token for the holder of a personal link, once per link. The server learns that this link
 * has taken its token, but never the token itself: the signature it returns is on a value it cannot see.
 */
export async function issueToken(
  deps: Deps,
  options: { link: string; blindedMessage: string },
): Promise<{ blindSignature: string }> {
  const invitation = await deps.db
    .selectFrom('invitations as i')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .select(['i.id', 'i.token_issued', 'r.id as roundId', 'r.status', 'r.closes_on', 'r.private_key'])
    .where('i.link_hash', '=', hashSecret(options.link))
    .executeTakeFirst();
  if (!invitation?.private_key) throw new AppError('not_found', UNKNOWN_LINK);
  if (!isOpenForAnswers(invitation, nowIso(deps).slice(0, 10))) {
    throw new AppError('round_closed', 'This listening round is closed; answers are no longer taken.');
  }
  const blinded = Buffer.from(options.blindedMessage, 'base64url');
  // Sign before claiming, so a malformed request does not use up the link.
  const signature = signBlinded(deps.secret, invitation.roundId, invitation.private_key, blinded);
  const claimed = await deps.db
    .updateTable('invitations')
    .set({ token_issued: 1 })
    .where('id', '=', invitation.id)
    .where('token_issued', '=', 0)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) {
    throw new AppError(
      'conflict',
      'This link has already been used to get an answer token. Use the reply key you saved to see your answers.',
    );
  }
  return { blindSignature: signature.toString('base64url') };
}
