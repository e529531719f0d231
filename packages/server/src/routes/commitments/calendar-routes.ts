import { z } from 'zod';
import { actorOf } from '../../http/authenticate-hook.js';
import { PUBLIC_UNLOGGED } from '../../http/public-route.js';
import { errorResponses, noContent } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import {
  calendarFeed,
  removeCalendarFeed,
  rotateCalendarFeed,
} from '../../use-cases/commitments/calendar-feed.js';

const tags = ['calendar'];

export function registerCalendarRoutes({ app, deps }: RouteContext): void {
  app.post(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Create or replace your secret iCalendar address of your commitments (shown once)',
        response: { 200: z.object({ url: z.string() }), ...errorResponses },
      },
    },
    async (request) => rotateCalendarFeed(deps, actorOf(request)),
  );

  app.delete(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Remove your calendar address',
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeCalendarFeed(deps, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/calendar/:file',
    {
      // Calendar apps can only fetch a URL, so the secret is in the path: keep it out of the logs.
      ...PUBLIC_UNLOGGED,
      schema: {
        tags,
        summary: 'The iCalendar feed (text/calendar) behind a secret calendar address',
        security: [],
        params: z.strictObject({
          file: z.string().regex(/^cal_[A-Za-z0-9_-]{43}\.ics$/, 'Must be a calendar address from Kintsugi.'),
        }),
      },
    },
    async (request, reply) => {
      const body = await calendarFeed(deps, request.params.file.replace(/\.ics$/, ''));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(body);
    },
  );
}
