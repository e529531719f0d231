import {
  ballotSubmissionSchema,
  problemSchema,
  witnessInputSchema,
  witnessIssuedSchema,
  witnessIssueInputSchema,
  witnessKeyInputSchema,
  witnessKeySchema,
} from '@kintsugi/core';
import { PUBLIC_UNLOGGED } from '../../http/public-route.js';
import { errorResponses } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { issueWitnessToken, witness, witnessKey } from '../../use-cases/commitments/witness.js';

// Public and unlogged, like the listening ballot: link secrets and tokens travel in bodies.
const routeConfig = PUBLIC_UNLOGGED;
const tags = ['witness (no account)'];
const refusals = { 400: errorResponses[400], 403: problemSchema, 404: problemSchema, 409: problemSchema };

export function registerWitnessRoutes({ app, deps }: RouteContext): void {
  app.post(
    '/api/v1/team-space/witness/key',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'The witness ballot key of a recorded occurrence',
        security: [],
        body: witnessKeyInputSchema,
        response: { 200: witnessKeySchema, ...refusals },
      },
    },
    async (request) => witnessKey(deps, request.body),
  );

  app.post(
    '/api/v1/team-space/witness/issue',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'Blindly sign a witness token, once per person per occurrence',
        security: [],
        body: witnessIssueInputSchema,
        response: { 200: witnessIssuedSchema, ...refusals },
      },
    },
    async (request) => issueWitnessToken(deps, request.body),
  );

  app.post(
    '/api/v1/witness',
    {
      ...routeConfig,
      schema: {
        tags,
        summary: 'I saw this, or I did not see this: with an unspent token only',
        security: [],
        body: witnessInputSchema,
        response: { 200: ballotSubmissionSchema, ...refusals },
      },
    },
    async (request) => witness(deps, request.body),
  );
}
