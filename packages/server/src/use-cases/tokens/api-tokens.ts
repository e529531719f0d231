import { randomUUID } from 'node:crypto';
import type { ApiToken, ApiTokenCreated } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../../auth/secrets.js';
import { AppError, notFound } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';

export const MAX_TOKENS_PER_USER = 50;

export async function listApiTokens(deps: Deps, actor: Actor): Promise<ApiToken[]> {
  const rows = await deps.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', actor.userId)
    .where('organization_id', '=', actor.organizationId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(presentToken);
}

/** Creates a personal API token; the secret is returned once and stored only as a hash. */
export async function createApiToken(
  deps: Deps,
  actor: Actor,
  options: { name: string; expiresInDays?: number | undefined },
): Promise<ApiTokenCreated> {
  const count = await deps.db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_TOKENS_PER_USER) {
    throw new AppError(
      'conflict',
      `You already have ${MAX_TOKENS_PER_USER} API tokens. Revoke one you no longer use first.`,
    );
  }
  const secret = newSecret(API_TOKEN_PREFIX);
  const now = deps.now();
  const row = {
    id: randomUUID(),
    user_id: actor.userId,
    organization_id: actor.organizationId,
    name: options.name,
    token_hash: hashSecret(secret),
    created_at: now.toISOString(),
    last_used_at: null,
    expires_at:
      options.expiresInDays === undefined
        ? null
        : new Date(now.getTime() + options.expiresInDays * 86_400_000).toISOString(),
  };
  await deps.db.insertInto('api_tokens').values(row).execute();
  return { token: presentToken(row), secret };
}

export async function revokeApiToken(deps: Deps, actor: Actor, tokenId: string): Promise<void> {
  const result = await deps.db
    .deleteFrom('api_tokens')
    .where('id', '=', tokenId)
    .where('user_id', '=', actor.userId)
    .where('organization_id', '=', actor.organizationId)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('API token of yours');
}

function presentToken(row: {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
}): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}
