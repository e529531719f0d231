import { ping } from '../../db/database.js';
import { sendProblem } from '../../http/problem.js';
import type { RouteContext } from '../../http/types.js';

export function registerHealthRoutes({ app, deps }: RouteContext, state: { shuttingDown: boolean }): void {
  // Liveness: the process is up and serving.
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // Readiness: the database answers and the server is not shutting down.
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    if (state.shuttingDown) return sendProblem(reply, 503, 'shutting_down', 'The server is shutting down.');
    try {
      await ping(deps.db);
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(reply, 503, 'database_unavailable', 'The database is not reachable.');
    }
  });
}
