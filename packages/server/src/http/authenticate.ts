import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { safeEqual } from '../auth/secrets.js';
import { AppError } from '../errors/app-error.js';
import type { Deps } from '../use-cases/deps.js';
import { actorFromApiToken, actorFromSession } from '../use-cases/session/resolve-actor.js';

export const SESSION_COOKIE = 'kintsugi_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticatedActor = Actor & { csrfToken: string | null };

/**
 * Resolves the caller from `Authorization: Bearer kts_…` or the session cookie. A state-changing request made
 * with the cookie must also carry the session's CSRF token in a header, which another site cannot read or set.
 */
export async function authenticate(deps: Deps, request: FastifyRequest): Promise<AuthenticatedActor> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match?.[1] ? await actorFromApiToken(deps, match[1]) : null;
    if (!actor) {
      throw new AppError(
        'unauthenticated',
        'The API token is not valid. It may have been revoked; create a new one.',
      );
    }
    return { ...actor, csrfToken: null };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  const actor = cookie ? await actorFromSession(deps, cookie) : null;
  if (!actor)
    throw new AppError('unauthenticated', 'You are not signed in, or your session has ended. Sign in again.');
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, actor.csrfToken)) {
      throw new AppError(
        'csrf_failed',
        `The ${CSRF_HEADER} header is missing or wrong. Reload the page and try again.`,
      );
    }
  }
  return actor;
}
