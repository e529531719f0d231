import { obtainBlindToken } from '@kintsugi/core';
import { getInvitation } from '../ballots/get-invitation.js';
import { issueToken } from '../ballots/issue-token.js';
import { submitAnswers } from '../ballots/submit-answers.js';
import { issueWitnessToken, witness, witnessKey } from '../commitments/witness.js';
import type { Deps } from '../deps.js';

export interface DemoProof {
  roundId: string;
  token: string;
  signature: string;
}

/**
 * The client's side of one blind signature, through the same helper the answering pages use: a random token,
 * blinded for `publicKey`, signed blindly by `sign` (the use case that issues tokens), then unblinded.
 */
export function blindToken(
  publicKey: string,
  sign: (blindedMessage: string) => Promise<{ blindSignature: string }>,
): Promise<{ token: string; signature: string }> {
  return obtainBlindToken(publicKey, async (blindedMessage) => (await sign(blindedMessage)).blindSignature);
}

/** Opens a personal link, takes its answer token and sends the answers, exactly as a browser would. */
export async function answerFromLink(
  deps: Deps,
  link: string,
  answers: { questionId: string; text: string }[],
  name?: string,
): Promise<DemoProof> {
  const invitation = await getInvitation(deps, link);
  const signed = await blindToken(invitation.publicKey, (blindedMessage) =>
    issueToken(deps, { link, blindedMessage }),
  );
  const proof = { roundId: invitation.roundId, ...signed };
  await submitAnswers(deps, { ...proof, answers, ...(name ? { name } : {}) });
  // Made-up history, written at once: a demo process ends right after, and nothing pending may be lost with it.
  await deps.ballots.flushAll(deps);
  return proof;
}

/** Opens the team-space link, takes a witness token for one occurrence and says whether they saw it. */
export async function witnessFromLink(
  deps: Deps,
  link: string,
  occurrenceId: string,
  saw: boolean,
): Promise<void> {
  const { publicKey } = await witnessKey(deps, { link, occurrenceId });
  const signed = await blindToken(publicKey, (blindedMessage) =>
    issueWitnessToken(deps, { link, occurrenceId, blindedMessage }),
  );
  await witness(deps, { occurrenceId, ...signed, saw });
  await deps.ballots.flushAll(deps);
}
