import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../use-cases/deps.js';
import { type AuthenticatedActor, authenticate } from './authenticate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the few API routes that work without signing in (set-up, sign-in). */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: AuthenticatedActor | null;
  }
}

/**
 * Whether a request must be signed in, decided on the route the router matched — its registered pattern and
 * options — never on the URL as the client spelled it: `/api/%761/teams` reaches the route `/api/v1/teams` and
 * is checked like it. Every matched API route is private unless it says `config.public`; unmatched requests are
 * answered 404 before their body is read (http/web-app.ts).
 */
export function needsSignIn(request: FastifyRequest): boolean {
  if (request.is404) return false;
  const route = request.routeOptions;
  if (route.config.public === true) return false;
  return route.url?.startsWith('/api/') === true;
}

/**
 * Authenticates every API request before its body is even parsed, so an anonymous caller learns nothing from
 * validation errors and cannot make the server parse large bodies.
 */
export function registerAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!needsSignIn(request)) return;
    request.actor = await authenticate(deps, request);
  });
}

/** The authenticated caller of a non-public route. */
export function actorOf(request: FastifyRequest): AuthenticatedActor {
  if (!request.actor) throw new Error(`${request.method} ${request.url} is public but asked for the actor`);
  return request.actor;
}
