import { overviewQuerySchema, overviewSchema } from '@kintsugi/core';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { getOverview } from '../../use-cases/pulses/overview.js';

export function registerOverviewRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/overview',
    {
      schema: {
        tags: ['recovery'],
        summary:
          'Every open repair of the organisation with coverage, reliability and trust trend (aggregates only)',
        querystring: overviewQuerySchema,
        response: { 200: overviewSchema, ...errorResponses },
      },
    },
    async (request) => getOverview(deps, actorOf(request), request.query),
  );
}
