import {
  forecastInputSchema,
  idSchema,
  problemSchema,
  repairCreateInputSchema,
  repairListSchema,
  repairSchema,
  repairUpdateInputSchema,
  roundOpenedSchema,
  roundUpdateInputSchema,
} from '@kintsugi/core';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { openRepair } from '../../use-cases/repairs/create-repair.js';
import { listRepairs } from '../../use-cases/repairs/list-repairs.js';
import { loadRepair } from '../../use-cases/repairs/load-repair.js';
import { openRound } from '../../use-cases/repairs/open-round.js';
import { saveForecast, updateRoundDraft } from '../../use-cases/repairs/round-draft.js';
import { closeRound, reissueLink } from '../../use-cases/repairs/round-links.js';
import { updateRepair } from '../../use-cases/repairs/update-repair.js';

export const repairParams = z.strictObject({ repairId: idSchema });
const conflict = { 409: problemSchema };

export function registerRepairRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/repairs',
    {
      schema: {
        tags: ['repairs'],
        summary: 'Repairs you lead (all of them for admins and facilitators)',
        response: { 200: repairListSchema, ...errorResponses },
      },
    },
    async (request) => ({ repairs: await listRepairs(deps, actorOf(request)) }),
  );

  app.post(
    '/api/v1/repairs',
    {
      schema: {
        tags: ['repairs'],
        summary: 'Open a repair for a team you lead, with a draft listening round',
        body: repairCreateInputSchema,
        response: { 201: repairSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await openRepair(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/repairs/:repairId',
    {
      schema: {
        tags: ['repairs'],
        summary: 'A repair, its stage and its listening round',
        params: repairParams,
        response: { 200: repairSchema, ...errorResponses },
      },
    },
    async (request) => loadRepair(deps.db, actorOf(request), request.params.repairId),
  );

  app.patch(
    '/api/v1/repairs/:repairId',
    {
      schema: {
        tags: ['repairs'],
        summary: 'Edit what happened, before the round is sent',
        params: repairParams,
        body: repairUpdateInputSchema,
        response: { 200: repairSchema, ...errorResponses, ...conflict },
      },
    },
    async (request) => updateRepair(deps, actorOf(request), request.params.repairId, request.body),
  );

  app.put(
    '/api/v1/repairs/:repairId/round',
    {
      schema: {
        tags: ['listening'],
        summary: 'Reword, reorder, add or remove questions and set the closing date (draft rounds)',
        params: repairParams,
        body: roundUpdateInputSchema,
        response: { 200: repairSchema, ...errorResponses, ...conflict },
      },
    },
    async (request) => updateRoundDraft(deps, actorOf(request), request.params.repairId, request.body),
  );

  app.put(
    '/api/v1/repairs/:repairId/forecast',
    {
      schema: {
        tags: ['listening'],
        summary: 'Save your forecast of how the team will answer (draft rounds)',
        params: repairParams,
        body: forecastInputSchema,
        response: { 200: repairSchema, ...errorResponses, ...conflict },
      },
    },
    async (request) => saveForecast(deps, actorOf(request), request.params.repairId, request.body.forecast),
  );

  app.post(
    '/api/v1/repairs/:repairId/round/open',
    {
      schema: {
        tags: ['listening'],
        summary:
          'Send the listening round: locks the forecast and emails each personal link to its person (never returned)',
        params: repairParams,
        response: { 200: roundOpenedSchema, ...errorResponses, ...conflict },
      },
    },
    async (request) => openRound(deps, actorOf(request), request.params.repairId),
  );

  app.post(
    '/api/v1/repairs/:repairId/round/links/:personId',
    {
      schema: {
        tags: ['listening'],
        summary: 'Email one more personal link to an invited person; earlier links keep working',
        params: z.strictObject({ repairId: idSchema, personId: idSchema }),
        response: { 200: roundOpenedSchema, ...errorResponses, ...conflict },
      },
    },
    async (request) => reissueLink(deps, actorOf(request), request.params.repairId, request.params.personId),
  );

  app.post(
    '/api/v1/repairs/:repairId/round/close',
    {
      schema: {
        tags: ['listening'],
        summary: 'Close the listening round',
        params: repairParams,
        response: { 200: repairSchema, ...errorResponses, ...conflict },
      },
    },
    async (request) => closeRound(deps, actorOf(request), request.params.repairId),
  );
}
