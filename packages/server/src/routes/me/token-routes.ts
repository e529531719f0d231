import {
  apiTokenCreatedSchema,
  apiTokenCreateInputSchema,
  apiTokenListSchema,
  idSchema,
} from '@kintsugi/core';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses, noContent } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../use-cases/tokens/api-tokens.js';

export function registerTokenRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/me/tokens',
    {
      schema: {
        tags: ['account'],
        summary: 'Your personal API tokens',
        response: { 200: apiTokenListSchema, ...errorResponses },
      },
    },
    async (request) => ({ tokens: await listApiTokens(deps, actorOf(request)) }),
  );

  app.post(
    '/api/v1/me/tokens',
    {
      schema: {
        tags: ['account'],
        summary: 'Create a personal API token; the secret is shown only in this response',
        description:
          'Give expiresInDays (1–366) for a token that stops working by itself; without it the token works until ' +
          'revoked. Changing your password revokes all your tokens.',
        body: apiTokenCreateInputSchema,
        response: { 201: apiTokenCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.code(201).send(await createApiToken(deps, actor, request.body));
    },
  );

  app.delete(
    '/api/v1/me/tokens/:tokenId',
    {
      schema: {
        tags: ['account'],
        summary: 'Revoke a personal API token',
        params: z.strictObject({ tokenId: idSchema }),
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await revokeApiToken(deps, actor, request.params.tokenId);
      return reply.code(204).send(null);
    },
  );
}
