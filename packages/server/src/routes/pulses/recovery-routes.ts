import { recoveryCsv, recoveryViewSchema } from '@kintsugi/core';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { getRecoveryView } from '../../use-cases/pulses/recovery-view.js';
import { repairParams } from '../repairs/repairs-routes.js';

const tags = ['recovery'];

export function registerRecoveryRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/repairs/:repairId/recovery',
    {
      schema: {
        tags,
        summary: 'The story of a repair: what was heard, committed and done, and how the pulse moved',
        params: repairParams,
        response: { 200: recoveryViewSchema, ...errorResponses },
      },
    },
    async (request) => getRecoveryView(deps, actorOf(request), request.params.repairId),
  );

  app.get(
    '/api/v1/repairs/:repairId/recovery.csv',
    {
      schema: {
        tags,
        summary: 'The recovery data as CSV (text/csv); every threshold applies',
        params: repairParams,
        response: { 200: z.string().describe('CSV, one long table'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const view = await getRecoveryView(deps, actorOf(request), request.params.repairId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="kintsugi-recovery-${view.repair.id}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(recoveryCsv(view));
    },
  );
}
