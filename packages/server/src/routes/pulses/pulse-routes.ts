import {
  ballotSubmissionSchema,
  idSchema,
  problemSchema,
  pulseAnswerInputSchema,
  pulseInvitationInputSchema,
  pulseInvitationSchema,
  pulseIssuedSchema,
  pulseIssueInputSchema,
  pulseOpenedSchema,
  pulseSettingsInputSchema,
  teamPulseSchema,
} from '@kintsugi/core';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate-hook.js';
import { PUBLIC_UNLOGGED } from '../../http/public-route.js';
import { errorResponses } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { getPulseInvitation, issuePulseToken, submitPulse } from '../../use-cases/pulses/pulse-ballot.js';
import { getTeamPulse, sendPulseNow, setPulseCadence } from '../../use-cases/pulses/pulse-settings.js';

const teamParams = z.strictObject({ teamId: idSchema });
const tags = ['pulse'];
// Public and unlogged, as the listening ballot: these requests carry link secrets or tokens.
const publicRoute = PUBLIC_UNLOGGED;
const publicTags = ['pulse (no account)'];

export function registerPulseRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/teams/:teamId/pulse',
    {
      schema: {
        tags,
        summary: "A team's pulse settings and recent pulses (answer counts only at k or more)",
        params: teamParams,
        response: { 200: teamPulseSchema, ...errorResponses },
      },
    },
    async (request) => getTeamPulse(deps, actorOf(request), request.params.teamId),
  );

  app.put(
    '/api/v1/teams/:teamId/pulse',
    {
      schema: {
        tags,
        summary: 'Set how often the pulse goes out (every 1, 2 or 4 weeks, or null for none)',
        params: teamParams,
        body: pulseSettingsInputSchema,
        response: { 200: teamPulseSchema, ...errorResponses },
      },
    },
    async (request) =>
      setPulseCadence(deps, actorOf(request), request.params.teamId, request.body.everyWeeks),
  );

  app.post(
    '/api/v1/teams/:teamId/pulses',
    {
      schema: {
        tags,
        summary: 'Send a pulse now: personal links are emailed to each member (never returned)',
        params: teamParams,
        response: { 201: pulseOpenedSchema, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await sendPulseNow(deps, actorOf(request), request.params.teamId)),
  );

  app.post(
    '/api/v1/pulse/invitation',
    {
      ...publicRoute,
      schema: {
        tags: publicTags,
        summary: 'What a pulse link opens',
        security: [],
        body: pulseInvitationInputSchema,
        response: { 200: pulseInvitationSchema, 400: errorResponses[400], 404: problemSchema },
      },
    },
    async (request) => getPulseInvitation(deps, request.body.link),
  );

  app.post(
    '/api/v1/pulse/issue',
    {
      ...publicRoute,
      schema: {
        tags: publicTags,
        summary: 'Blindly sign an answer token, once per pulse link (RFC 9474)',
        security: [],
        body: pulseIssueInputSchema,
        response: {
          200: pulseIssuedSchema,
          400: errorResponses[400],
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => issuePulseToken(deps, request.body),
  );

  app.post(
    '/api/v1/pulse/answers',
    {
      ...publicRoute,
      schema: {
        tags: publicTags,
        summary: 'Answer a pulse with an unspent token: only totals are kept',
        security: [],
        body: pulseAnswerInputSchema,
        response: {
          200: ballotSubmissionSchema,
          400: errorResponses[400],
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => submitPulse(deps, request.body),
  );
}
