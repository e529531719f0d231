import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

/** Serves the built single-page app, with index.html for any unknown non-API path. */
export async function registerWebApp(app: FastifyInstance, webDir: string | null): Promise<void> {
  const hasWeb = webDir !== null && existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // Hashed files under assets/ never change, so they may be cached for a long time.
      setHeaders(res, path) {
        if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || !['GET', 'HEAD'].includes(request.method)) {
      return sendProblem(
        reply,
        404,
        'not_found',
        `There is no ${request.method} ${path}. See /api/docs for the API.`,
      );
    }
    if (!hasWeb) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The Kintsugi web app has not been built. Run `npm run build`, then start the server again.');
    }
    // Revalidated on every visit, so a new release is picked up at once; its assets are hashed and kept long.
    return reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .sendFile('index.html', { cacheControl: false });
  };
  // A request that matches no route is answered as soon as it arrives, before its body is read or parsed:
  // nobody can make the server parse (or reject as malformed) a body no route would ever take.
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return notFound(request, reply);
  });
  app.setNotFoundHandler(notFound);
}
