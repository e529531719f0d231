import { issueBallotToken } from '../../ballots/ballot-issue.js';
import type { Deps } from '../deps.js';
import { ROUND_CLOSED, roundBallot, roundHolder } from './round-ballot.js';

/**
 * Signs a blinded token for the holder of a personal link, once per person. The server never sees the token it
 * signs, and writes nothing that names the person now: see ballots/ballot-mixer.ts.
 */
export async function issueToken(
  deps: Deps,
  options: { link: string; blindedMessage: string },
): Promise<{ blindSignature: string }> {
  const holder = await roundHolder(deps, options.link);
  return issueBallotToken(deps, roundBallot, holder, options.link, options.blindedMessage, ROUND_CLOSED);
}
