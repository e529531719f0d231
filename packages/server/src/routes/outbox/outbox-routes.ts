import { outboxSchema } from '@kintsugi/core';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { listOutbox } from '../../use-cases/outbox/list-outbox.js';

export function registerOutboxRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/outbox',
    {
      schema: {
        tags: ['organization'],
        summary:
          'Recent email of the organisation; without SMTP, messages wait here to be delivered by hand (admins)',
        response: { 200: outboxSchema, ...errorResponses },
      },
    },
    async (request) => listOutbox(deps, actorOf(request)),
  );
}
