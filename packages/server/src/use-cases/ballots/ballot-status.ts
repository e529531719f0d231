import { reportLinkMisuse } from '../../ballots/ballot-issue.js';
import type { BallotKind } from '../../ballots/ballot-mixer.js';
import { AppError } from '../../errors/app-error.js';
import { witnessBallot, witnessBallotId } from '../commitments/witness-ballot.js';
import type { Deps } from '../deps.js';
import { pulseHolder } from '../pulses/pulse-ballot.js';
import { pulseBallot, pulseBallotId } from '../pulses/pulse-ballot-kind.js';
import { sha256 } from './ballot-proof.js';
import { roundBallot, roundHolder } from './round-ballot.js';

const KINDS: Record<'round' | 'pulse' | 'witness', [BallotKind<never>, (id: string) => string]> = {
  round: [roundBallot as BallotKind<never>, (id) => id],
  pulse: [pulseBallot as BallotKind<never>, pulseBallotId],
  witness: [witnessBallot as BallotKind<never>, witnessBallotId],
};

/**
 * What became of a submission, asked with its token alone: 'stored', 'pending' (waiting in this server's memory
 * for others' to be stored with), or 'unknown' — never received, or lost in a restart: the client sends it again.
 */
export async function ballotStatus(
  deps: Deps,
  input: { kind: 'round' | 'pulse' | 'witness'; ballotId: string; token: string },
): Promise<{ state: 'stored' | 'pending' | 'unknown' }> {
  const [kind, idOf] = KINDS[input.kind];
  const ballotId = idOf(input.ballotId);
  const tokenHash = sha256(input.token);
  if ((await kind.spent(deps.db, ballotId, [tokenHash])).size > 0) return { state: 'stored' };
  return { state: deps.ballots.isPending(ballotId, tokenHash) ? 'pending' : 'unknown' };
}

/** "My link was used, and not by me": a listening or pulse link. */
export async function reportMisuse(deps: Deps, link: string): Promise<void> {
  const holder = await roundHolder(deps, link).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') return pulseHolder(deps, link);
    throw error;
  });
  await reportLinkMisuse(deps, holder, link);
}
