import {
  commitmentInputSchema,
  commitmentSchema,
  commitmentsViewSchema,
  idSchema,
  messageInputSchema,
  messageListSchema,
  messageSchema,
  occurrenceInputSchema,
  problemSchema,
  repairSchema,
  retireInputSchema,
  themeReasonInputSchema,
} from '@kintsugi/core';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses, noContent } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { getCommitmentsView } from '../../use-cases/commitments/commitments-view.js';
import {
  createCommitment,
  recordOccurrence,
  retireCommitment,
  startDemonstrating,
} from '../../use-cases/commitments/manage-commitments.js';
import { listMessages, publishMessage } from '../../use-cases/commitments/messages.js';
import { clearThemeReason, setThemeReason } from '../../use-cases/commitments/theme-reasons.js';
import { repairParams } from '../repairs/repairs-routes.js';

const themeParams = z.strictObject({ repairId: idSchema, themeId: idSchema });
const commitmentParams = z.strictObject({ repairId: idSchema, commitmentId: idSchema });
const withConflict = { ...errorResponses, 409: problemSchema };
const tags = ['commitments'];

export function registerCommitmentRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/repairs/:repairId/messages',
    {
      schema: {
        tags,
        summary: "The leader's published messages to the team",
        params: repairParams,
        response: { 200: messageListSchema, ...errorResponses },
      },
    },
    async (request) => ({ messages: await listMessages(deps, actorOf(request), request.params.repairId) }),
  );

  app.post(
    '/api/v1/repairs/:repairId/messages',
    {
      schema: {
        tags,
        summary: 'Publish a message to the team (immutable; a correction is a new message)',
        params: repairParams,
        body: messageInputSchema,
        response: { 201: messageSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await publishMessage(deps, actorOf(request), request.params.repairId, request.body.body)),
  );

  app.put(
    '/api/v1/repairs/:repairId/themes/:themeId/reason',
    {
      schema: {
        tags,
        summary: 'Answer a theme with a reason why no commitment answers it (the team sees it)',
        params: themeParams,
        body: themeReasonInputSchema,
        response: { 200: z.object({ themeId: idSchema, reason: z.string() }), ...errorResponses },
      },
    },
    async (request) =>
      setThemeReason(
        deps,
        actorOf(request),
        request.params.repairId,
        request.params.themeId,
        request.body.reason,
      ),
  );

  app.delete(
    '/api/v1/repairs/:repairId/themes/:themeId/reason',
    {
      schema: {
        tags,
        summary: "Withdraw a theme's reason",
        params: themeParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await clearThemeReason(deps, actorOf(request), request.params.repairId, request.params.themeId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/repairs/:repairId/commitments',
    {
      schema: {
        tags,
        summary: 'Commitments, their occurrences and reliability records, and theme coverage',
        params: repairParams,
        response: { 200: commitmentsViewSchema, ...errorResponses },
      },
    },
    async (request) => getCommitmentsView(deps, actorOf(request), request.params.repairId),
  );

  app.post(
    '/api/v1/repairs/:repairId/commitments',
    {
      schema: {
        tags,
        summary: 'Commit to an observable action on a schedule, answering themes',
        params: repairParams,
        body: commitmentInputSchema,
        response: { 201: commitmentSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createCommitment(deps, actorOf(request), request.params.repairId, request.body)),
  );

  app.post(
    '/api/v1/repairs/:repairId/commitments/:commitmentId/retire',
    {
      schema: {
        tags,
        summary: 'Retire a commitment with a reason the team sees',
        params: commitmentParams,
        body: retireInputSchema,
        response: { 200: commitmentSchema, ...withConflict },
      },
    },
    async (request) =>
      retireCommitment(
        deps,
        actorOf(request),
        request.params.repairId,
        request.params.commitmentId,
        request.body.reason,
      ),
  );

  app.post(
    '/api/v1/repairs/:repairId/commitments/:commitmentId/occurrences',
    {
      schema: {
        tags,
        summary: 'Record a due occurrence as kept or missed',
        params: commitmentParams,
        body: occurrenceInputSchema,
        response: { 201: commitmentSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordOccurrence(
            deps,
            actorOf(request),
            request.params.repairId,
            request.params.commitmentId,
            request.body,
          ),
        ),
  );

  app.post(
    '/api/v1/repairs/:repairId/demonstrate',
    {
      schema: {
        tags,
        summary: 'Start demonstrating: only once every theme is answered',
        params: repairParams,
        response: { 200: repairSchema, ...withConflict },
      },
    },
    async (request) => startDemonstrating(deps, actorOf(request), request.params.repairId),
  );
}
