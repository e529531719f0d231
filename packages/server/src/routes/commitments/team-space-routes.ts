import {
  idSchema,
  problemSchema,
  teamLinkStatusSchema,
  teamLinksSchema,
  teamSpaceInputSchema,
  teamSpaceSchema,
} from '@kintsugi/core';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate-hook.js';
import { PUBLIC_UNLOGGED } from '../../http/public-route.js';
import { errorResponses, noContent } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import {
  issueTeamLinks,
  listTeamLinks,
  reissueTeamLink,
  revokeTeamLink,
} from '../../use-cases/commitments/team-links.js';
import { getTeamSpace } from '../../use-cases/commitments/team-space.js';
import { repairParams } from '../repairs/repairs-routes.js';

const personParams = z.strictObject({ repairId: idSchema, personId: idSchema });
const tags = ['team space'];

export function registerTeamSpaceRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/repairs/:repairId/team-links',
    {
      schema: {
        tags,
        summary: 'Who among the people affected has a working team-space link (never the links themselves)',
        params: repairParams,
        response: { 200: teamLinkStatusSchema, ...errorResponses },
      },
    },
    async (request) => listTeamLinks(deps, actorOf(request), request.params.repairId),
  );

  app.post(
    '/api/v1/repairs/:repairId/team-links',
    {
      schema: {
        tags,
        summary:
          'Give each affected person a personal link to the team space (emailed to them, never returned)',
        params: repairParams,
        response: { 200: teamLinksSchema, ...errorResponses },
      },
    },
    async (request) => issueTeamLinks(deps, actorOf(request), request.params.repairId),
  );

  app.post(
    '/api/v1/repairs/:repairId/team-links/:personId',
    {
      schema: {
        tags,
        summary:
          'A fresh team-space link for one person, emailed to them (never returned); the old one stops working',
        params: personParams,
        response: { 200: teamLinksSchema, ...errorResponses },
      },
    },
    async (request) =>
      reissueTeamLink(deps, actorOf(request), request.params.repairId, request.params.personId),
  );

  app.delete(
    '/api/v1/repairs/:repairId/team-links/:personId',
    {
      schema: {
        tags,
        summary: "Revoke a person's team-space link",
        params: personParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeTeamLink(deps, actorOf(request), request.params.repairId, request.params.personId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/team-space',
    {
      // Public and unlogged, like the ballot: the body carries a personal link.
      ...PUBLIC_UNLOGGED,
      schema: {
        tags,
        summary: 'The team space a personal link opens (no account)',
        security: [],
        body: teamSpaceInputSchema,
        response: { 200: teamSpaceSchema, 400: errorResponses[400], 404: problemSchema },
      },
    },
    async (request) => getTeamSpace(deps, request.body.link),
  );
}
