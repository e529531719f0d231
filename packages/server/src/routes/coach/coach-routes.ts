import { analyze, coachAnalysisSchema, coachAnalyzeInputSchema } from '@kintsugi/core';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';

export function registerCoachRoutes({ app }: RouteContext): void {
  app.post(
    '/api/v1/coach/analyze',
    {
      schema: {
        tags: ['coach'],
        summary: 'Analyse a draft message: defensive and repair moves, the apology’s parts and next steps',
        body: coachAnalyzeInputSchema,
        response: { 200: coachAnalysisSchema, ...errorResponses },
      },
    },
    async (request) => {
      // Any signed-in person may use the coach; it reads nothing and stores nothing.
      actorOf(request);
      const { text, breachKinds, context } = request.body;
      return analyze(text, { ...(breachKinds ? { breachKinds } : {}), ...(context ? { context } : {}) });
    },
  );
}
