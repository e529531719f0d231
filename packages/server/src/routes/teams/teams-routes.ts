import {
  idSchema,
  problemSchema,
  teamCreateInputSchema,
  teamListSchema,
  teamMemberAddInputSchema,
  teamSchema,
  teamUpdateInputSchema,
} from '@kintsugi/core';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses, noContent } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { createTeam } from '../../use-cases/teams/create-team.js';
import { deleteTeam } from '../../use-cases/teams/delete-team.js';
import { listTeams } from '../../use-cases/teams/list-teams.js';
import { loadTeam } from '../../use-cases/teams/load-team.js';
import { addTeamMember, removeTeamMember } from '../../use-cases/teams/team-members.js';
import { updateTeam } from '../../use-cases/teams/update-team.js';

const teamParams = z.strictObject({ teamId: idSchema });
const memberParams = z.strictObject({ teamId: idSchema, personId: idSchema });

export function registerTeamRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'Teams you can see: all for admins and facilitators, your own for leaders and members',
        response: { 200: teamListSchema, ...errorResponses },
      },
    },
    async (request) => ({ teams: await listTeams(deps, actorOf(request)) }),
  );

  app.post(
    '/api/v1/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'Create a team (admins)',
        body: teamCreateInputSchema,
        response: { 201: teamSchema, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createTeam(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/teams/:teamId',
    {
      schema: {
        tags: ['teams'],
        summary: 'A team with its members',
        params: teamParams,
        response: { 200: teamSchema, ...errorResponses },
      },
    },
    async (request) => loadTeam(deps.db, actorOf(request), request.params.teamId),
  );

  app.patch(
    '/api/v1/teams/:teamId',
    {
      schema: {
        tags: ['teams'],
        summary: 'Rename a team or change its leader (admins)',
        params: teamParams,
        body: teamUpdateInputSchema,
        response: { 200: teamSchema, ...errorResponses, 409: problemSchema },
      },
    },
    async (request) => updateTeam(deps, actorOf(request), request.params.teamId, request.body),
  );

  app.delete(
    '/api/v1/teams/:teamId',
    {
      schema: {
        tags: ['teams'],
        summary: 'Delete a team without repairs or pulses; its people stay (admins)',
        params: teamParams,
        response: { 204: noContent, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await deleteTeam(deps, actorOf(request), request.params.teamId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/teams/:teamId/members',
    {
      schema: {
        tags: ['teams'],
        summary: 'Add a person to a team (admins)',
        params: teamParams,
        body: teamMemberAddInputSchema,
        response: { 200: teamSchema, ...errorResponses },
      },
    },
    async (request) => addTeamMember(deps, actorOf(request), request.params.teamId, request.body.personId),
  );

  app.delete(
    '/api/v1/teams/:teamId/members/:personId',
    {
      schema: {
        tags: ['teams'],
        summary: 'Remove a person from a team (admins)',
        params: memberParams,
        response: { 200: teamSchema, ...errorResponses },
      },
    },
    async (request) =>
      removeTeamMember(deps, actorOf(request), request.params.teamId, request.params.personId),
  );
}
