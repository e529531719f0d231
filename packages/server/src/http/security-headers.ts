import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every HTML page: the web app (built by Vite into files of its own, no inline
 * script or style) and the API docs (Swagger UI, which loads its scripts from files too).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** A year: browsers remember to use https only, once they have reached the server over https. */
const HSTS = 'max-age=31536000';

/**
 * Headers on every response: no sniffing, no referrer, no framing; a CSP on every HTML page; HSTS when BASE_URL
 * is https (behind a proxy that terminates TLS the server itself sees http, so the setting decides, not the
 * request); and `Cache-Control: no-store` on API answers, which belong to one caller, unless the route set its own.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { baseUrl: string }): void {
  const https = options.baseUrl.startsWith('https://');
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (https) reply.header('strict-transport-security', HSTS);
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    }
    const path = request.routeOptions.url ?? request.url;
    if (path.startsWith('/api/') && !path.startsWith('/api/docs') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
