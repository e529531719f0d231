import { sessionSchema, setupInputSchema, setupStatusSchema } from '@kintsugi/core';
import { errorResponses } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { createSession } from '../../use-cases/session/create-session.js';
import { getSessionView } from '../../use-cases/session/get-session-view.js';
import { getSetupStatus } from '../../use-cases/setup/get-setup-status.js';
import { setupOrganization } from '../../use-cases/setup/setup-organization.js';
import { setSessionCookie } from '../session/session-cookie.js';

export function registerSetupRoutes({ app, deps, config }: RouteContext): void {
  app.get(
    '/api/v1/setup',
    {
      config: { public: true },
      schema: {
        tags: ['setup'],
        summary: 'Whether first-run set-up is still needed',
        security: [],
        response: { 200: setupStatusSchema },
      },
    },
    async () => getSetupStatus(deps),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['setup'],
        summary: 'Create the organisation and its first admin (first run only); signs them in',
        security: [],
        body: setupInputSchema,
        response: { 201: sessionSchema, 400: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const created = await setupOrganization(deps, request.body);
      const session = await createSession(deps, created);
      setSessionCookie(reply, config, session.cookieValue);
      const actor = {
        ...created,
        role: 'admin' as const,
        via: 'session' as const,
        sessionId: session.sessionId,
      };
      return reply.code(201).send(await getSessionView(deps, actor, session.csrfToken));
    },
  );
}
