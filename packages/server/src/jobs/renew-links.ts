import { hashSecret, newSecret } from '../auth/secrets.js';
import type { Deps } from '../use-cases/deps.js';

/** Tables of one-time answering links: only a hash of each link is kept, and `token_issued` marks it used. */
export type LinkTable = 'invitations' | 'pulse_invitations';

export interface PendingLink {
  id: string;
  email: string;
}

/**
 * Gives each link not yet used a fresh secret and hands it to `send` (only hashes are kept, so a reminder must
 * carry a new link; the unused old one stops working). The conditional update skips a link used meanwhile.
 */
export async function renewUnopenedLinks(
  deps: Deps,
  table: LinkTable,
  pending: readonly PendingLink[],
  send: (link: PendingLink, secret: string) => Promise<unknown>,
): Promise<number> {
  let sent = 0;
  for (const link of pending) {
    const secret = newSecret();
    const renewed = await deps.db
      .updateTable(table)
      .set({ link_hash: hashSecret(secret) })
      .where('id', '=', link.id)
      .where('token_issued', '=', 0)
      .executeTakeFirst();
    if (renewed.numUpdatedRows === 0n) continue;
    await send(link, secret);
    sent++;
  }
  return sent;
}
