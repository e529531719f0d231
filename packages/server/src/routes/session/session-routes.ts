import { loginInputSchema, passwordChangeInputSchema, sessionSchema } from '@kintsugi/core';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses, noContent } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { changePassword } from '../../use-cases/session/change-password.js';
import { getSessionView } from '../../use-cases/session/get-session-view.js';
import { login } from '../../use-cases/session/login.js';
import { logout } from '../../use-cases/session/logout.js';
import { actorFromSession } from '../../use-cases/session/resolve-actor.js';
import { countSignInAttempt } from '../../use-cases/session/sign-in-limits.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

export function registerSessionRoutes({ app, deps, config }: RouteContext): void {
  app.post(
    '/api/v1/session',
    {
      // Limited per client address and per email address, across instances (use-cases/session/sign-in-limits.ts).
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password',
        security: [],
        body: loginInputSchema,
        response: { 200: sessionSchema, 400: errorResponses[400], 401: errorResponses[401] },
      },
    },
    async (request, reply) => {
      // request.ip is the connection's peer, or with TRUST_PROXY the address the trusted proxies saw.
      await countSignInAttempt(deps, 'address', request.ip);
      const session = await login(deps, request.body);
      setSessionCookie(reply, config, session.cookieValue);
      const actor = await actorFromSession(deps, session.cookieValue);
      if (!actor) throw new Error('A session just created could not be read back.');
      return getSessionView(deps, actor, actor.csrfToken);
    },
  );

  app.get(
    '/api/v1/session',
    {
      schema: {
        tags: ['session'],
        summary: 'The signed-in user, their organisation, role and CSRF token',
        response: { 200: sessionSchema, 401: errorResponses[401] },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return getSessionView(deps, actor, actor.csrfToken ?? '');
    },
  );

  app.delete(
    '/api/v1/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign out',
        response: { 204: noContent, 401: errorResponses[401] },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.sessionId) await logout(deps, actor.sessionId);
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['account'],
        summary: 'Change your password; signs out your other sessions and revokes all your API tokens',
        body: passwordChangeInputSchema,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await changePassword(deps, actor, request.body);
      return reply.code(204).send(null);
    },
  );
}
