import { hashSecret, newSecret } from '../auth/secrets.js';
import type { Deps } from '../use-cases/deps.js';

/** Which kind of invitation a reminder link is added to. */
export type LinkKind = 'round' | 'pulse';

export interface PendingLink {
  id: string;
  email: string;
}

/**
 * Gives each person not yet recorded as having taken a token one more link and hands it to `send`. Only hashes are
 * kept, so a reminder cannot repeat the first link; it adds one, and every earlier link keeps working. A person
 * whose token is taken but not yet recorded (ballots/ballot-mixer.ts) is skipped.
 */
export async function addReminderLinks(
  deps: Deps,
  kind: LinkKind,
  ballotIdOf: (invitationId: string) => string,
  pending: readonly PendingLink[],
  send: (link: PendingLink, secret: string) => Promise<unknown>,
): Promise<number> {
  let sent = 0;
  for (const link of pending) {
    if (deps.ballots.pendingMember(ballotIdOf(link.id), link.id) !== undefined) continue;
    const secret = newSecret();
    await deps.db
      .insertInto('ballot_links')
      .values({ link_hash: hashSecret(secret), kind, invitation_id: link.id })
      .execute();
    await send(link, secret);
    sent++;
  }
  return sent;
}
