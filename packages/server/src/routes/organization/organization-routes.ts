import { organizationSchema, organizationUpdateInputSchema } from '@kintsugi/core';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { getOrganization, updateOrganization } from '../../use-cases/organization/organization.js';

export function registerOrganizationRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/organization',
    {
      schema: {
        tags: ['organization'],
        summary: 'Your organisation',
        response: { 200: organizationSchema, ...errorResponses },
      },
    },
    async (request) => getOrganization(deps, actorOf(request)),
  );

  app.patch(
    '/api/v1/organization',
    {
      schema: {
        tags: ['organization'],
        summary: 'Rename the organisation or set its time zone (admins)',
        body: organizationUpdateInputSchema,
        response: { 200: organizationSchema, ...errorResponses },
      },
    },
    async (request) => updateOrganization(deps, actorOf(request), request.body),
  );
}
