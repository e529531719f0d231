import {
  idSchema,
  importReportSchema,
  personCreateInputSchema,
  personListSchema,
  personSchema,
  personUpdateInputSchema,
  problemSchema,
} from '@kintsugi/core';
import { z } from 'zod';
import { authenticate } from '../../http/authenticate.js';
import { errorResponses, noContent } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { authorize, policies } from '../../policies/policies.js';
import { createPerson } from '../../use-cases/people/create-person.js';
import { importPeople } from '../../use-cases/people/import-people.js';
import { listPeople } from '../../use-cases/people/list-people.js';
import { loadPerson } from '../../use-cases/people/present-person.js';
import { removePerson } from '../../use-cases/people/remove-person.js';
import { updatePerson } from '../../use-cases/people/update-person.js';

export const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;
const personParams = z.strictObject({ personId: idSchema });

export function registerPeopleRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Everyone in the organisation (admins)',
        response: { 200: personListSchema, ...errorResponses },
      },
    },
    async (request) => ({ people: await listPeople(deps, await authenticate(deps, request)) }),
  );

  app.post(
    '/api/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Add a person; with a password they also get an account (admins)',
        body: personCreateInputSchema,
        response: { 201: personSchema, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = await authenticate(deps, request);
      return reply.code(201).send(await createPerson(deps, actor, request.body));
    },
  );

  app.get(
    '/api/v1/people/:personId',
    {
      schema: {
        tags: ['people'],
        summary: 'One person (admins)',
        params: personParams,
        response: { 200: personSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await authenticate(deps, request);
      authorize(policies.readPeople(actor), 'Only admins can see people.');
      return loadPerson(deps.db, actor.organizationId, request.params.personId);
    },
  );

  app.patch(
    '/api/v1/people/:personId',
    {
      schema: {
        tags: ['people'],
        summary: "Change a person's name, email or role (admins)",
        params: personParams,
        body: personUpdateInputSchema,
        response: { 200: personSchema, ...errorResponses, 409: problemSchema },
      },
    },
    async (request) =>
      updatePerson(deps, await authenticate(deps, request), request.params.personId, request.body),
  );

  app.delete(
    '/api/v1/people/:personId',
    {
      schema: {
        tags: ['people'],
        summary: 'Remove a person, their memberships, and their account if unused elsewhere (admins)',
        params: personParams,
        response: { 204: noContent, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await removePerson(deps, await authenticate(deps, request), request.params.personId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/people/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['people'],
        summary: 'Import people from CSV (header name,email,team); all rows or none (admins)',
        description:
          'Send the file as the body with Content-Type text/csv. With dryRun=true nothing is saved and the report ' +
          'says what an import would do. A file with any bad row imports nothing and returns 422 with `rows`.',
        querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') }),
        body: z.string().describe('CSV text'),
        consumes: ['text/csv'],
        response: { 200: importReportSchema, ...errorResponses, 422: problemSchema },
      },
    },
    async (request) =>
      importPeople(deps, await authenticate(deps, request), {
        csv: request.body,
        dryRun: request.query.dryRun === 'true',
      }),
  );
}
