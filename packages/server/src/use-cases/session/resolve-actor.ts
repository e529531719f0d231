import type { Actor } from '../../auth/actor.js';
import { API_TOKEN_PREFIX, hashSecret } from '../../auth/secrets.js';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';

/** Finds who a session cookie belongs to; null when it is unknown or expired. */
export async function actorFromSession(
  deps: Deps,
  cookieValue: string,
): Promise<(Actor & { csrfToken: string }) | null> {
  const row = await deps.db
    .selectFrom('sessions as s')
    .innerJoin('people as p', (join) =>
      join.onRef('p.user_id', '=', 's.user_id').onRef('p.organization_id', '=', 's.organization_id'),
    )
    .select([
      's.id as sessionId',
      's.user_id',
      's.organization_id',
      's.csrf_token',
      's.expires_at',
      'p.id as personId',
      'p.role',
    ])
    .where('s.id', '=', hashSecret(cookieValue))
    .executeTakeFirst();
  if (!row || row.expires_at <= deps.now().toISOString()) return null;
  return {
    userId: row.user_id,
    personId: row.personId,
    organizationId: row.organization_id,
    role: row.role,
    via: 'session',
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
  };
}

/** Finds who a personal API token belongs to; null when it is unknown or revoked; a 401 saying so once expired. */
export async function actorFromApiToken(deps: Deps, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await deps.db
    .selectFrom('api_tokens as t')
    .innerJoin('people as p', (join) =>
      join.onRef('p.user_id', '=', 't.user_id').onRef('p.organization_id', '=', 't.organization_id'),
    )
    .select([
      't.id as tokenId',
      't.user_id',
      't.organization_id',
      't.last_used_at',
      't.expires_at',
      'p.id as personId',
      'p.role',
    ])
    .where('t.token_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!row) return null;
  const now = deps.now();
  if (row.expires_at !== null && row.expires_at <= now.toISOString()) {
    const [day, time] = [row.expires_at.slice(0, 10), row.expires_at.slice(11, 16)];
    throw new AppError(
      'unauthenticated',
      `This API token expired on ${day} at ${time} UTC. Create a new one under Account.`,
    );
  }
  // Record use at most once a minute, so a busy script does not turn every read into a write.
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await deps.db
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.tokenId)
      .execute();
  }
  return {
    userId: row.user_id,
    personId: row.personId,
    organizationId: row.organization_id,
    role: row.role,
    via: 'token',
    sessionId: null,
  };
}
