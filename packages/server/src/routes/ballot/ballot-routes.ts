import {
  ballotAnswerInputSchema,
  ballotInvitationInputSchema,
  ballotInvitationSchema,
  ballotIssuedSchema,
  ballotIssueInputSchema,
  ballotReplyInputSchema,
  ballotReportInputSchema,
  ballotStatusInputSchema,
  ballotStatusSchema,
  ballotSubmissionSchema,
  ballotThreadInputSchema,
  ballotThreadSchema,
  problemSchema,
} from '@kintsugi/core';
import { PUBLIC_UNLOGGED } from '../../http/public-route.js';
import { errorResponses, noContent } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { readThread, replyInThread } from '../../use-cases/ballots/answer-thread.js';
import { ballotStatus, reportMisuse } from '../../use-cases/ballots/ballot-status.js';
import { getInvitation } from '../../use-cases/ballots/get-invitation.js';
import { issueToken } from '../../use-cases/ballots/issue-token.js';
import { submitAnswers } from '../../use-cases/ballots/submit-answers.js';

// Public and unlogged: these requests carry link secrets or tokens, and their times must not sit in a log
// beside each other. Secrets travel in bodies, never in URLs.
const routeConfig = PUBLIC_UNLOGGED;
const tags = ['ballot (no account)'];

export function registerBallotRoutes({ app, deps }: RouteContext): void {
  app.post(
    '/api/v1/ballot/invitation',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'What a personal link opens',
        security: [],
        body: ballotInvitationInputSchema,
        response: { 200: ballotInvitationSchema, 400: errorResponses[400], 404: problemSchema },
      },
    },
    async (request) => getInvitation(deps, request.body.link),
  );

  app.post(
    '/api/v1/ballot/issue',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'Blindly sign an answer token, once per link (RFC 9474)',
        security: [],
        body: ballotIssueInputSchema,
        response: {
          200: ballotIssuedSchema,
          400: errorResponses[400],
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => issueToken(deps, request.body),
  );

  app.post(
    '/api/v1/ballot/answers',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'Answer with an unspent token: no link, no cookie, nothing that names you',
        security: [],
        description:
          'Answers are stored together with at least k − 1 other people\'s; until then the state is "pending" and ' +
          'the client keeps them. Sending the same token again is safe.',
        body: ballotAnswerInputSchema,
        response: {
          200: ballotSubmissionSchema,
          400: errorResponses[400],
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => submitAnswers(deps, request.body),
  );

  app.post(
    '/api/v1/ballot/status',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'Whether an anonymous submission is stored, still pending, or unknown (send it again)',
        security: [],
        body: ballotStatusInputSchema,
        response: { 200: ballotStatusSchema, 400: errorResponses[400] },
      },
    },
    async (request) => ballotStatus(deps, request.body),
  );

  app.post(
    '/api/v1/ballot/report',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'Say that your link was used, and not by you (counted, never who)',
        security: [],
        body: ballotReportInputSchema,
        response: { 204: noContent, 400: errorResponses[400], 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await reportMisuse(deps, request.body.link);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/ballot/thread',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'Your answers and the follow-up questions on them',
        security: [],
        body: ballotThreadInputSchema,
        response: {
          200: ballotThreadSchema,
          400: errorResponses[400],
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => readThread(deps, request.body),
  );

  app.post(
    '/api/v1/ballot/thread/reply',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'Answer a follow-up question, still anonymous',
        security: [],
        body: ballotReplyInputSchema,
        response: {
          201: noContent,
          400: errorResponses[400],
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      await replyInThread(deps, request.body);
      return reply.code(201).send(null);
    },
  );
}
