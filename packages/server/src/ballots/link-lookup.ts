import type { Kysely } from 'kysely';
import { hashSecret } from '../auth/secrets.js';
import type { Database } from '../db/schema.js';

/**
 * The invitation a personal link opens: its first link is kept in the invitation itself, later ones (reminders,
 * re-issued links) in `ballot_links`. Every link of an invitation keeps working until the ballot closes.
 */
export async function invitationIdOfLink(
  db: Kysely<Database>,
  kind: 'round' | 'pulse',
  link: string,
): Promise<string | undefined> {
  const hash = hashSecret(link);
  const table = kind === 'round' ? 'invitations' : 'pulse_invitations';
  const first = await db.selectFrom(table).select('id').where('link_hash', '=', hash).executeTakeFirst();
  if (first) return first.id;
  const more = await db
    .selectFrom('ballot_links')
    .select('invitation_id')
    .where('link_hash', '=', hash)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return more?.invitation_id;
}
