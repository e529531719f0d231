import {
  idSchema,
  importReportSchema,
  personCreateInputSchema,
  personListQuerySchema,
  personListSchema,
  personSchema,
  personUpdateInputSchema,
  problemSchema,
} from '@kintsugi/core';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import { actorOf } from '../../http/authenticate-hook.js';
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
        summary: "The organisation's people, a page at a time in name order (admins)",
        description:
          'At most `limit` people (default 50, at most 200) sorted by name, then id. When `nextCursor` is not ' +
          'null, send it back as `cursor` for the next page. `q` keeps people whose name or email contains it.',
        querystring: personListQuerySchema,
        response: { 200: personListSchema, ...errorResponses },
      },
    },
    async (request) => listPeople(deps, actorOf(request), request.query),
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
      const actor = actorOf(request);
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
      const actor = actorOf(request);
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
    async (request) => updatePerson(deps, actorOf(request), request.params.personId, request.body),
  );

  app.delete(
    '/api/v1/people/:personId',
    {
      schema: {
        tags: ['people'],
        summary:
          'Remove a person no repair names, their memberships, and their account if unused elsewhere (admins)',
        params: personParams,
        response: { 204: noContent, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await removePerson(deps, actorOf(request), request.params.personId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/people/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      // Before validation, so a JSON body gets "send text/csv" rather than a puzzling schema message.
      preValidation: async (request) => {
        if (!request.headers['content-type']?.startsWith('text/csv')) {
          throw new AppError(
            'unsupported_media_type',
            'Send the CSV file itself as the body, with Content-Type: text/csv.',
          );
        }
      },
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
      importPeople(deps, actorOf(request), { csv: request.body, dryRun: request.query.dryRun === 'true' }),
  );
}
