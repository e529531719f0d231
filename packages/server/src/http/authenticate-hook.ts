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
 * Authenticates every API request before its body is even parsed, so an anonymous caller learns nothing from
 * validation errors and cannot make the server parse large bodies.
 */
export function registerAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (request.is404 || request.routeOptions.config.public || !request.url.startsWith('/api/v1/')) return;
    request.actor = await authenticate(deps, request);
  });
}

/** The authenticated caller of a non-public route. */
export function actorOf(request: FastifyRequest): AuthenticatedActor {
  if (!request.actor) throw new Error(`${request.method} ${request.url} is public but asked for the actor`);
  return request.actor;
}
